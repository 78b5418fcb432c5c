package io.verso.storage;

import io.verso.protocol.Role;
import io.verso.protocol.storage.TrashedDoc;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The trash: documents moved there, restored, listed for their owners, deleted for good one by one
 * or by the purge once older than {@code docs.trashDays}. A trashed document is missing for every
 * other storage statement (no role, not listed, not loaded, no append: {@link Sql}), so while it is
 * there nobody reaches its content, and everything comes back as it was on restore.
 */
final class Trash {
  /** Documents one purge statement deletes; the purge repeats while it finds that many. */
  static final int PURGE_BATCH = 100;

  private final Db db;
  private final int trashDays;

  Trash(Db db, int trashDays) {
    this.db = db;
    this.trashDays = trashDays;
  }

  /** Moves a live document to the trash; NOT_FOUND when there is none (or it is already there). */
  Future<Void> trash(String docId, String byUserId) {
    return db.run(c -> c.preparedQuery(Sql.TRASH_DOC).execute(Tuple.of(docId, byUserId)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(AppendFailures.noDocument(docId)) : Future.succeededFuture());
  }

  /** Takes a document out of the trash; NOT_FOUND when it is not there. */
  Future<Void> restore(String docId) {
    return db.run(c -> c.preparedQuery(Sql.RESTORE_DOC).execute(Tuple.of(docId)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(AppendFailures.noDocument(docId)) : Future.succeededFuture());
  }

  /** The role the user had on the trashed document; null when none, or when the document is not in the trash. */
  Future<Role> role(String docId, String userId) {
    return db.run(c -> c.preparedQuery(Sql.TRASHED_ROLE).execute(Tuple.of(docId, userId)))
        .map(rows -> rows.size() == 0 ? null : Role.of(rows.iterator().next().getString(0)));
  }

  /** The trashed documents the user owns, last trashed first. */
  Future<List<TrashedDoc>> list(String userId) {
    return db.run(c -> c.preparedQuery(Sql.LIST_TRASH).execute(Tuple.of(userId, trashDays, TrashedDoc.MAX_LIST)))
        .map(rows -> {
          List<TrashedDoc> docs = new ArrayList<>(rows.size());
          for (Row r : rows) {
            docs.add(new TrashedDoc(r.getString("id"), r.getString("title"), r.getLong("trashed_ms"), r.getLong("purge_ms")));
          }
          return docs;
        });
  }

  /** Deletes a trashed document for good, with everything it holds; NOT_FOUND when it is not in the trash. */
  Future<Void> delete(String docId) {
    return db.run(c -> c.preparedQuery(Sql.DELETE_TRASHED).execute(Tuple.of(docId)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(AppendFailures.noDocument(docId)) : Future.succeededFuture());
  }

  /**
   * Deletes every document trashed more than {@code docs.trashDays} ago, a batch per statement (each
   * its own transaction, a document with all it holds in one); answers how many. Idempotent, and
   * safe on every node at once (SKIP LOCKED).
   */
  Future<Integer> purgeDue() {
    return purgeFrom(0);
  }

  private Future<Integer> purgeFrom(int sofar) {
    return db.run(c -> c.preparedQuery(Sql.PURGE_TRASH).execute(Tuple.of(trashDays, PURGE_BATCH)))
        .compose(rows -> rows.size() < PURGE_BATCH
            ? Future.succeededFuture(sofar + rows.size())
            : purgeFrom(sofar + rows.size()));
  }
}
