package io.verso.storage;

import io.verso.protocol.Addresses;
import io.verso.protocol.comments.AnchorsSaveRequest;
import io.verso.protocol.comments.CommentAddRequest;
import io.verso.protocol.comments.CommentDeleteRequest;
import io.verso.protocol.comments.CommentEditRequest;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadCreateRequest;
import io.verso.protocol.comments.ThreadDeleteRequest;
import io.verso.protocol.comments.ThreadResolveRequest;
import io.verso.runtime.DocLog;
import io.verso.runtime.SharedJson;
import io.verso.runtime.Failures;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.DocCreateRequest;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.DocRenameRequest;
import io.verso.protocol.storage.DocListRequest;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.TrashedDoc;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.ImageRef;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.RefreshCreateRequest;
import io.verso.protocol.storage.RefreshRevokeRequest;
import io.verso.protocol.storage.RefreshRotateRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.protocol.storage.StoredImage;
import io.verso.protocol.storage.UserCreateRequest;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserIdRequest;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage-service: config → pool (behind a circuit breaker) → migrations (off the event loop)
 * → one consumer per {@code Addresses.STORAGE_*} address. Needs {@code pg.uri} (see
 * {@link StorageLauncher} for the embedded default).
 */
public class StorageVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private Db db;
  private long purgeTimer = -1;

  @Override
  public Future<?> start() {
    StorageConfig cfg = StorageConfig.from(config());
    SharedJson.register(vertx.eventBus());
    if (cfg.pgUri() == null) {
      return Future.failedFuture(new IllegalStateException(
          "no pg.uri configured (nor VERSO_PG_URI): deploy through StorageLauncher for the embedded server"));
    }
    return vertx.executeBlocking(() -> {
      Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
      return null;
    }).compose(v -> {
      db = new Db(vertx, cfg);
      PgOpLog opLog = new PgOpLog(db, new GroupCommitter(vertx, db, cfg.groupCommit(), cfg.maxBatchOps(),
          cfg.batchesInFlight(), cfg.maxAppendBytes(), cfg.stuckAfterMs()),
          cfg.snapshotsKept());
      Documents docs = new Documents(db);
      HistoryStore history = new PgHistoryStore(db);
      CommentStore comments = new PgCommentStore(db);
      BlobStore images = new PgBlobStore(db);
      Users users = new Users(db);
      RefreshTokens refresh = new RefreshTokens(db);

      on(Addresses.STORAGE_OPS_APPEND, b -> opLog.append(AppendRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_DOC_LOAD, b -> opLog.load(DocIdRequest.fromJson(b).docId()).map(r -> r.toJson()));
      on(Addresses.STORAGE_OPS_RANGE, b -> opLog.range(RangeRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_OPS_FIND, b -> opLog.find(FindRequest.fromJson(b)).map(FindRequest::reply));
      on(Addresses.STORAGE_SNAPSHOT_SAVE, b -> saveSnapshot(opLog, history, SnapshotSaveRequest.fromJson(b)));
      on(Addresses.STORAGE_HISTORY_META, b -> history.meta(HistoryMetaRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_HISTORY_ENTRIES, b -> history.entries(HistoryEntriesRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_SNAPSHOT_AT, b -> history.snapshotAt(DocRevRequest.fromJson(b, 0)).map(r -> r.toJson()));
      on(Addresses.STORAGE_VERSION_PUT, b -> history.putVersion(VersionPutRequest.fromJson(b)).map(r -> r.reply()));
      on(Addresses.STORAGE_VERSION_DELETE, b -> history.deleteVersion(DocRevRequest.fromJson(b, 1)).map(empty()));
      on(Addresses.STORAGE_VERSION_LIST, b -> history.versions(VersionListRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_COMMENTS_LOAD,
          b -> comments.load(DocIdRequest.fromJson(b).docId()).map(CommentThread::listToJson));
      on(Addresses.STORAGE_THREAD_CREATE,
          b -> write(ThreadCreateRequest.fromJson(b), r -> comments.createThread(r.docId(), r.thread())));
      on(Addresses.STORAGE_COMMENT_ADD,
          b -> write(CommentAddRequest.fromJson(b), r -> comments.addComment(r.docId(), r.threadId(), r.comment())));
      on(Addresses.STORAGE_COMMENT_EDIT, b -> write(CommentEditRequest.fromJson(b),
          r -> comments.editComment(r.docId(), r.threadId(), r.commentId(), r.text(), r.editedTs())));
      on(Addresses.STORAGE_COMMENT_DELETE,
          b -> write(CommentDeleteRequest.fromJson(b), r -> comments.deleteComment(r.docId(), r.threadId(), r.commentId())));
      on(Addresses.STORAGE_THREAD_DELETE,
          b -> write(ThreadDeleteRequest.fromJson(b), r -> comments.deleteThread(r.docId(), r.threadId())));
      on(Addresses.STORAGE_THREAD_RESOLVE, b -> write(ThreadResolveRequest.fromJson(b),
          r -> comments.resolve(r.docId(), r.threadId(), r.resolved(), r.by(), r.ts())));
      on(Addresses.STORAGE_ANCHORS_SAVE,
          b -> write(AnchorsSaveRequest.fromJson(b), r -> comments.saveAnchors(r.docId(), r.rev(), r.anchors())));
      on(Addresses.STORAGE_IMAGE_PUT, b -> {
        ImagePutRequest r = ImagePutRequest.fromJson(b);
        return images.put(r).map(etag -> new JsonObject().put("imageId", r.imageId()).put("etag", etag));
      });
      on(Addresses.STORAGE_IMAGE_GET, b -> {
        ImageRef r = ImageRef.fromJson(b);
        return images.get(r.docId(), r.imageId()).map(StoredImage::toJson);
      });
      on(Addresses.STORAGE_DOC_CREATE, b -> docs.create(DocCreateRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_DOC_GET, b -> docs.get(DocIdRequest.fromJson(b).docId()).map(r -> r.toJson()));
      on(Addresses.STORAGE_DOC_LIST, b -> docs.list(DocListRequest.fromJson(b)).map(DocSummary::listToJson));
      on(Addresses.STORAGE_DOC_RENAME, b -> {
        DocRenameRequest r = DocRenameRequest.fromJson(b);
        return docs.rename(r.docId(), r.title()).map(d -> d.toJson())
            .onSuccess(doc -> vertx.eventBus().publish(Addresses.STORAGE_DOC_RENAMED, doc));
      });
      on(Addresses.STORAGE_DOC_DELETE, b -> docs.delete(DocIdRequest.fromJson(b).docId()).map(empty()));
      Trash trash = new Trash(db, cfg.trashDays());
      on(Addresses.STORAGE_DOC_TRASH, b -> write(MemberRequest.fromJson(b), r -> trash.trash(r.docId(), r.userId())));
      on(Addresses.STORAGE_DOC_RESTORE, b -> write(DocIdRequest.fromJson(b), r -> trash.restore(r.docId())));
      on(Addresses.STORAGE_TRASH_ROLE, b -> {
        MemberRequest r = MemberRequest.fromJson(b);
        return trash.role(r.docId(), r.userId()).map(MemberRequest::roleReply);
      });
      on(Addresses.STORAGE_TRASH_LIST, b -> trash.list(UserIdRequest.fromJson(b).userId()).map(TrashedDoc::listToJson));
      on(Addresses.STORAGE_TRASH_DELETE, b -> write(DocIdRequest.fromJson(b), r -> trash.delete(r.docId())));
      on(Addresses.STORAGE_TRASH_PURGE, b -> trash.purgeDue().map(n -> new JsonObject().put("purged", n)));
      purgeTimer = vertx.setPeriodic(cfg.purgeIntervalMs(), id -> trash.purgeDue()
          .onSuccess(n -> { if (n > 0) LOG.info("Purged {} document(s) trashed more than {} days ago", n, cfg.trashDays()); })
          .onFailure(e -> LOG.warn("Purging the trash failed (the next run retries): {}", e.toString())));
      on(Addresses.STORAGE_MEMBER_LIST, b -> docs.members(DocIdRequest.fromJson(b).docId()).map(Member::listToJson));
      on(Addresses.STORAGE_MEMBER_GET, b -> {
        MemberRequest r = MemberRequest.fromJson(b);
        return docs.role(r.docId(), r.userId()).map(MemberRequest::roleReply);
      });
      on(Addresses.STORAGE_MEMBER_PUT, b -> docs.putMember(MemberRequest.fromJsonWithRole(b)).map(empty()));
      on(Addresses.STORAGE_MEMBER_REMOVE, b -> {
        MemberRequest r = MemberRequest.fromJson(b);
        return docs.removeMember(r.docId(), r.userId()).map(removed -> new JsonObject().put("removed", removed));
      });
      on(Addresses.STORAGE_USER_CREATE, b -> users.create(UserCreateRequest.fromJson(b)).map(u -> u.toPublicJson()));
      on(Addresses.STORAGE_USER_GET, b -> users.get(UserGetRequest.fromJson(b)).map(u -> u.toJson()));
      on(Addresses.STORAGE_REFRESH_CREATE, b -> refresh.create(RefreshCreateRequest.fromJson(b)).map(empty()));
      on(Addresses.STORAGE_REFRESH_ROTATE, b -> refresh.rotate(RefreshRotateRequest.fromJson(b)).map(r -> r.toJson()));
      on(Addresses.STORAGE_REFRESH_REVOKE,
          b -> refresh.revoke(RefreshRevokeRequest.fromJson(b)).map(RefreshRevokeRequest::reply));
      on(Addresses.STORAGE_STATS, b -> Future.succeededFuture(opLog.stats().toJson()));
      on(Addresses.STORAGE_HEALTH, b -> db.run(c -> c.query(Sql.PING).execute())
          .map(rows -> new JsonObject().put("ok", true).put("breaker", db.breakerState().name())));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    return db == null ? Future.succeededFuture() : db.close();
  }

  /** Saves a snapshot, then warms history's newest complete block off the reply's path (a miss only costs a page). */
  private static Future<JsonObject> saveSnapshot(OpLog opLog, HistoryStore history, SnapshotSaveRequest r) {
    return opLog.saveSnapshot(r).onSuccess(v -> history.warm(r.docId(), r.rev())
        .onFailure(e -> DocLog.with(r.docId(), () -> LOG.debug("history block of {} not warmed: {}", r.docId(),
            e.toString())))).map(empty());
  }

  /** Runs a write on its parsed request; the reply is {@code {}}. */
  private static <R> Future<JsonObject> write(R request, Function<R, Future<Void>> write) {
    return write.apply(request).map(empty());
  }

  private static <T> Function<T, JsonObject> empty() {
    return v -> new JsonObject();
  }

  /** Registers a consumer that always ends in a reply or a fail (a thrown exception included). */
  private void on(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer(address,
        msg -> Failures.respond(msg, () -> handler.apply(Fields.body(msg.body())))));
  }
}
