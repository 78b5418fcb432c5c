package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.ClientSeq;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.Snapshot;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.protocol.storage.StorageStats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL op log: appends go through the {@link GroupCommitter}, reads straight to the pool. */
final class PgOpLog implements OpLog {
  private final Db db;
  private final GroupCommitter committer;
  private final int snapshotsKept;

  PgOpLog(Db db, GroupCommitter committer, int snapshotsKept) {
    this.db = db;
    this.committer = committer;
    this.snapshotsKept = snapshotsKept;
  }

  StorageStats stats() {
    return committer.stats();
  }

  @Override
  public Future<AppendResult> append(AppendRequest request) {
    return committer.append(request);
  }

  @Override
  public Future<LoadResult> load(String docId) {
    return db.run(c -> c.preparedQuery(Sql.GET_DOC).execute(Tuple.of(docId)).compose(docRows -> {
      if (docRows.size() == 0) {
        return Future.failedFuture(AppendFailures.noDocument(docId));
      }
      Row doc = docRows.iterator().next();
      String title = doc.getString("title");
      long head = doc.getLong("head_rev");
      Future<RowSet<Row>> snap = c.preparedQuery(Sql.LATEST_SNAPSHOT).execute(Tuple.of(docId, head));
      Future<RowSet<Row>> clients = c.preparedQuery(Sql.CLIENT_SEQS).execute(Tuple.of(docId, head));
      return Future.all(snap, clients).compose(all -> {
        Snapshot snapshot = null;
        for (Row r : snap.result()) {
          snapshot = new Snapshot(r.getLong("rev"), r.getJsonArray("content"), r.getJsonArray("authorship"));
        }
        List<ClientSeq> seqs = new ArrayList<>();
        for (Row r : clients.result()) {
          seqs.add(new ClientSeq(r.getString("client_id"), r.getString("user_id"), r.getLong("client_seq"),
              r.getLong("rev")));
        }
        long from = snapshot == null ? 0 : snapshot.rev();
        Snapshot s = snapshot;
        return c.preparedQuery(Sql.OPS_AFTER).execute(Tuple.of(docId, from, head))
            .map(ops -> new LoadResult(docId, title, head, s, toOps(ops), seqs));
      });
    }));
  }

  @Override
  public Future<OpsResult> range(RangeRequest request) {
    long to = request.toRev() == null ? Long.MAX_VALUE : request.toRev();
    return db.run(c -> (request.maxBytes() == null
            ? c.preparedQuery(Sql.OPS_RANGE).execute(Tuple.of(request.docId(), request.fromRev(), to, request.limit()))
            : c.preparedQuery(Sql.OPS_RANGE_BYTES)
                .execute(Tuple.of(request.docId(), request.fromRev(), to, request.limit(), request.maxBytes())))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(new OpsResult(toOps(rows)));
          }
          return c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(request.docId())).compose(doc -> doc.size() == 0
              ? Future.failedFuture(AppendFailures.noDocument(request.docId()))
              : Future.succeededFuture(new OpsResult(List.of())));
        }));
  }

  @Override
  public Future<Long> find(FindRequest request) {
    return db.run(c -> c.preparedQuery(Sql.FIND_OP)
        .execute(Tuple.of(request.docId(), request.clientId(), request.seq(), request.userId()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new VersoException(ErrorCode.NOT_FOUND,
                "no op " + request.clientId() + "/" + request.seq() + " in " + request.docId()))
            : Future.succeededFuture(rows.iterator().next().getLong(0))));
  }

  /**
   * Saves the snapshot and, in the same transaction, the content search index of its text (only
   * moving forward in rev: {@link Sql#INDEX_TEXT}). The words are made on a worker first: a document
   * may hold 4 Mi characters.
   */
  @Override
  public Future<Void> saveSnapshot(SnapshotSaveRequest request) {
    return db.offLoop(() -> SearchText.lexemes(request.content())).compose(words -> saveSnapshot(request, words));
  }

  private Future<Void> saveSnapshot(SnapshotSaveRequest request, String[] words) {
    return db.tx(c -> c.preparedQuery(Sql.SAVE_SNAPSHOT)
        .execute(Tuple.of(request.docId(), request.rev(), request.content(), request.authorship()))
        .compose(ins -> ins.rowCount() == 1
            ? c.preparedQuery(Sql.PRUNE_SNAPSHOTS).execute(Tuple.of(request.docId(), snapshotsKept))
                .compose(v -> c.preparedQuery(Sql.INDEX_TEXT).execute(Tuple.of(request.docId(), request.rev(), words)))
                .<Void>mapEmpty()
            : c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(request.docId())).compose(doc -> {
              if (doc.size() == 0) {
                return Future.failedFuture(AppendFailures.noDocument(request.docId()));
              }
              if (doc.iterator().next().getLong(0) < request.rev()) {
                return Future.failedFuture(new VersoException(ErrorCode.BAD_REQUEST,
                    "snapshot rev " + request.rev() + " is past the head of " + request.docId()));
              }
              return Future.<Void>succeededFuture(); // already saved: idempotent
            })));
  }

  static List<OpRecord> toOps(RowSet<Row> rows) {
    List<OpRecord> ops = new ArrayList<>(rows.size());
    for (Row r : rows) {
      ops.add(new OpRecord(r.getLong("rev"), r.getString("client_id"), r.getLong("client_seq"),
          r.getString("user_id"), r.getLong("ts"), (JsonArray) r.getValue("ops")));
    }
    return ops;
  }
}
