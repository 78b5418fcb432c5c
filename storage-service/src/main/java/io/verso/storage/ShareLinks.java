package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.storage.LinkRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Documents' share links (V11): the role and the token's hash; auth-service decides who may change them. */
final class ShareLinks {
  private final Db db;

  ShareLinks(Db db) {
    this.db = db;
  }

  /** The document's link; NOT_FOUND when it has none (off). */
  Future<LinkRecord> get(String docId) {
    return db.run(c -> c.preparedQuery(Sql.LINK_GET).execute(Tuple.of(docId)).map(rows -> {
      if (rows.size() == 0) {
        throw ErrorCode.NOT_FOUND.exception("no link");
      }
      Row r = rows.iterator().next();
      return new LinkRecord(docId, Role.of(r.getString("role")), r.getString("token_hash"));
    }));
  }

  /**
   * With a hash: the link (new or replaced: the old token dead). Without: only the role of the existing
   * link changes, NOT_FOUND when there is none. An unknown document is NOT_FOUND.
   */
  Future<LinkRecord> put(LinkRecord link) {
    if (link.tokenHash() == null) {
      return db.run(c -> c.preparedQuery(Sql.LINK_SET_ROLE).execute(Tuple.of(link.docId(), link.role().wire())))
          .map(rs -> {
            if (rs.rowCount() == 0) {
              throw ErrorCode.NOT_FOUND.exception("no link");
            }
            return new LinkRecord(link.docId(), link.role(), null);
          });
    }
    return db.run(c -> c.preparedQuery(Sql.LINK_UPSERT).execute(Tuple.of(link.docId(), link.role().wire(), link.tokenHash())))
        .map(rs -> new LinkRecord(link.docId(), link.role(), null))
        .recover(t -> Db.isForeignKeyViolation(t)
            ? Future.failedFuture(ErrorCode.NOT_FOUND.exception()) : Future.failedFuture(t));
  }

  /** Forgets the link; false when there was none. */
  Future<Boolean> delete(String docId) {
    return db.run(c -> c.preparedQuery(Sql.LINK_DELETE).execute(Tuple.of(docId))).map(rs -> rs.rowCount() > 0);
  }
}
