package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadCreateRequest;
import io.verso.protocol.storage.DocListRequest;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.protocol.storage.TrashedDoc;
import io.verso.protocol.storage.VersionPutRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trash in storage: a trashed document is missing for every other address, comes back whole on
 * restore, and is purged with everything it holds; the document list's search, sort and filter.
 * Two storage instances share one database: one purges at once (docs.trashDays 0), one keeps 30 days.
 */
class TrashStorageTest {
  private static StorageFixture storage;
  private static StorageFixture keeping;
  private static Pool sql;

  @BeforeAll
  static void deploy() {
    JsonObject config = TestPostgres.storageConfig(TrashStorageTest.class);
    storage = StorageFixture.deploy(config.copy().put("docs.trashDays", 0));
    keeping = StorageFixture.deploy(config.copy().put("docs.trashDays", 30));
    sql = PgBuilder.pool().connectingTo(config.getString("pg.uri")).using(storage.vertx).build();
  }

  @AfterAll
  static void undeploy() {
    keeping.close();
    storage.close();
  }

  private static JsonObject doc(String id) {
    return new JsonObject().put("docId", id);
  }

  /** A document of alice with an op, a snapshot, a named version, a comment thread and an editor. */
  private static String fullDocument(String title) {
    String id = storage.createDoc("alice", title);
    await(storage.append(id, op(1, "c1", 1)));
    storage.call(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(id, 1,
        new JsonArray().add(new JsonObject().put("insert", "r1\n")), null).toJson());
    storage.call(Addresses.STORAGE_VERSION_PUT, new VersionPutRequest(id, 1, "first", "alice").toJson());
    Comment c = new Comment("comment-0000000000001", "alice", "Alice", "hi", 1_700_000_000_000L, null);
    storage.call(Addresses.STORAGE_THREAD_CREATE, new ThreadCreateRequest(id,
        new CommentThread("thread-000000000001", 1, 0, 2, false, false, null, null, List.of(c))).toJson());
    storage.call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(id, "bob", Role.EDITOR).toJson());
    return id;
  }

  private static long rows(String table, String docIdColumn, String docId) {
    return await(sql.preparedQuery("SELECT count(*) FROM " + table + " WHERE " + docIdColumn + " = $1")
        .execute(Tuple.of(docId))).iterator().next().getLong(0);
  }

  private static List<String> listed(String user) {
    return DocSummary.listFromJson(storage.call(Addresses.STORAGE_DOC_LIST, DocListRequest.all(user).toJson()))
        .stream().map(DocSummary::id).toList();
  }

  private static List<TrashedDoc> trash(String user) {
    return TrashedDoc.listFromJson(keeping.call(Addresses.STORAGE_TRASH_LIST, new JsonObject().put("userId", user)));
  }

  private static Role trashedRole(String docId, String user) {
    return MemberRequest.roleOf(storage.call(Addresses.STORAGE_TRASH_ROLE, new MemberRequest(docId, user, null).toJson()));
  }

  @Test
  void aTrashedDocumentIsMissingUntilRestoredWhole() {
    String id = fullDocument("Trashed then restored");
    assertThat(trashedRole(id, "alice")).as("not trashed yet").isNull();
    storage.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(id, "alice", null).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_TRASH, new MemberRequest(id, "alice", null).toJson());

    // nobody has a role, nothing reads or writes it, no list shows it
    assertThat(MemberRequest.roleOf(storage.call(Addresses.STORAGE_MEMBER_GET, new MemberRequest(id, "alice", null).toJson())))
        .isNull();
    for (String address : List.of(Addresses.STORAGE_DOC_GET, Addresses.STORAGE_DOC_LOAD)) {
      storage.failure(ErrorCode.NOT_FOUND, address, doc(id));
    }
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_RENAME, doc(id).put("title", "x"));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_MEMBER_PUT, new MemberRequest(id, "carol", Role.VIEWER).toJson());
    StorageFixture.expectFailure(ErrorCode.NOT_FOUND, storage.append(id, op(2, "c1", 2)));
    assertThat(listed("alice")).doesNotContain(id);
    assertThat(listed("bob")).doesNotContain(id);

    // its owner sees it in the trash (with its purge date), a member does not
    TrashedDoc t = trash("alice").stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    assertThat(t.title()).isEqualTo("Trashed then restored");
    assertThat(t.purgeAt() - t.trashedAt()).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(trash("bob")).isEmpty();
    assertThat(trashedRole(id, "alice")).isEqualTo(Role.OWNER);
    assertThat(trashedRole(id, "bob")).isEqualTo(Role.EDITOR);
    assertThat(trashedRole(id, "carol")).isNull();

    storage.call(Addresses.STORAGE_DOC_RESTORE, doc(id));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_RESTORE, doc(id));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_TRASH_DELETE, doc(id));
    assertThat(listed("alice")).contains(id);
    assertThat(listed("bob")).contains(id);
    assertThat(storage.call(Addresses.STORAGE_DOC_LOAD, doc(id)).getLong("headRev")).isEqualTo(1);
    assertThat(storage.call(Addresses.STORAGE_COMMENTS_LOAD, doc(id)).getJsonArray("threads")).hasSize(1);
    await(storage.append(id, op(2, "c1", 2)));
    assertThat(trash("alice")).extracting(TrashedDoc::id).doesNotContain(id);
  }

  @Test
  void thePurgeDeletesDueDocumentsWithEverythingTheyHold() {
    String due = fullDocument("Due");
    String live = fullDocument("Live");
    storage.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(due, "alice", null).toJson());

    // 30 days not over: the keeping instance purges nothing of it
    keeping.call(Addresses.STORAGE_TRASH_PURGE, new JsonObject());
    assertThat(rows("documents", "id", due)).isEqualTo(1);

    assertThat(storage.call(Addresses.STORAGE_TRASH_PURGE, new JsonObject()).getInteger("purged")).isGreaterThanOrEqualTo(1);
    for (String table : List.of("ops", "snapshots", "members", "versions", "comment_threads", "comments", "doc_search")) {
      assertThat(rows(table, "doc_id", due)).as(table).isZero();
      assertThat(rows(table, "doc_id", live)).as(table).isPositive();
    }
    assertThat(rows("documents", "id", due)).isZero();
    // idempotent: a second run (another node) finds nothing
    assertThat(storage.call(Addresses.STORAGE_TRASH_PURGE, new JsonObject()).getInteger("purged")).isZero();
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_RESTORE, doc(due));
  }

  @Test
  void deleteForeverTakesOnlyATrashedDocument() {
    String id = fullDocument("Forever");
    keeping.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_TRASH_DELETE, doc(id));
    keeping.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(id, "alice", null).toJson());
    keeping.call(Addresses.STORAGE_TRASH_DELETE, doc(id));
    assertThat(rows("documents", "id", id)).isZero();
    assertThat(rows("ops", "doc_id", id)).isZero();
    assertThat(rows("comments", "doc_id", id)).isZero();
    keeping.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_TRASH_DELETE, doc(id));
  }

  /**
   * A snapshot the sequencer writes while it unloads the just-trashed document holds the document's
   * row (its foreign key check) until it commits: deleting forever at that moment waits for it
   * instead of answering NOT_FOUND (the purge's SKIP LOCKED is for the purge only).
   */
  @Test
  void deleteForeverWaitsForAWriteInFlightInsteadOfMissingTheDocument() throws Exception {
    String id = fullDocument("Busy");
    keeping.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(id, "alice", null).toJson());
    io.vertx.sqlclient.SqlConnection conn = await(sql.getConnection());
    try {
      io.vertx.sqlclient.Transaction tx = await(conn.begin());
      await(conn.preparedQuery(Sql.SAVE_SNAPSHOT).execute(Tuple.of(id, 0, "[{\"insert\":\"late\\n\"}]", null)));
      io.vertx.core.Future<JsonObject> delete = keeping.request(Addresses.STORAGE_TRASH_DELETE, doc(id));
      Thread.sleep(300);
      assertThat(delete.isComplete()).as("answered %s while the snapshot's transaction was open", delete.result()).isFalse();
      await(tx.commit());
      await(delete);
    } finally {
      await(conn.close());
    }
    assertThat(rows("documents", "id", id)).isZero();
    assertThat(rows("snapshots", "doc_id", id)).isZero();
  }

  @Test
  void theListSearchesSortsAndFilters() {
    String a = storage.createDoc("lister", "beta plan");
    String b = storage.createDoc("lister", "Alpha PLAN");
    String c = storage.createDoc("lister", "100% done_ok");
    String shared = storage.createDoc("other", "Plan shared");
    storage.call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(shared, "lister", Role.VIEWER).toJson());

    assertThat(list(new JsonObject().put("query", "plan").put("sort", "title")))
        .containsExactly(b, a, shared);
    assertThat(list(new JsonObject().put("query", "PLAN").put("filter", "mine").put("sort", "title"))).containsExactly(b, a);
    assertThat(list(new JsonObject().put("filter", "shared"))).containsExactly(shared);
    // the pattern's own characters are text: % and _ match only themselves
    assertThat(list(new JsonObject().put("query", "0%"))).containsExactly(c);
    assertThat(list(new JsonObject().put("query", "_"))).containsExactly(c);
    assertThat(list(new JsonObject().put("query", "%"))).containsExactly(c);
    assertThat(list(new JsonObject().put("sort", "title").put("limit", 2))).containsExactly(c, b);
    assertThat(list(new JsonObject().put("query", "   "))).hasSize(4);

    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "lister").put("sort", "size"));
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "lister").put("limit", 0));
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_DOC_LIST,
        new JsonObject().put("userId", "lister").put("query", "x".repeat(DocListRequest.MAX_QUERY + 1)));
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_DOC_LIST, new JsonObject().put("query", "plan"));
  }

  private static List<String> list(JsonObject params) {
    return DocSummary.listFromJson(storage.call(Addresses.STORAGE_DOC_LIST, params.put("userId", "lister")))
        .stream().map(DocSummary::id).toList();
  }
}
