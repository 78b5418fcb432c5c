package io.verso.storage;

import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Version history on PostgreSQL: reads straight to the pool, one statement each in the common case;
 * history pages from the cache of grouped blocks ({@link HistoryBlocks}).
 */
final class PgHistoryStore implements HistoryStore {
  private final Db db;
  private final HistoryBlocks blocks;

  PgHistoryStore(Db db) {
    this.db = db;
    this.blocks = new HistoryBlocks(db);
  }

  @Override
  public Future<HistoryMeta> meta(HistoryMetaRequest r) {
    return db.run(c -> c.preparedQuery(Sql.HISTORY_META).execute(Tuple.of(r.docId(), r.before(), r.limit()))
        .compose(rows -> {
          List<HistoryMeta.Entry> ops = new ArrayList<>(rows.size());
          for (Row row : rows) {
            long rev = row.getLong(0);
            ops.add(new HistoryMeta.Entry(rev, row.getString(1), row.getLong(2), row.getString(3),
                RestoreIds.restoredFrom(row.getString(4), rev)));
          }
          return ops.isEmpty() ? mustExist(c, r.docId()).map(new HistoryMeta(ops))
              : Future.succeededFuture(HistoryMeta.capped(ops));
        }));
  }

  @Override
  public Future<HistoryEntries> entries(HistoryEntriesRequest r) {
    return blocks.page(r);
  }

  @Override
  public Future<Void> warm(String docId, long rev) {
    return blocks.warm(docId, rev);
  }

  @Override
  public Future<SnapshotAt> snapshotAt(DocRevRequest r) {
    return db.run(c -> c.preparedQuery(Sql.SNAPSHOT_AT).execute(Tuple.of(r.docId(), r.rev())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      Row row = rows.iterator().next();
      long head = row.getLong(0);
      if (r.rev() > head) {
        return Future.failedFuture(HistoryFailures.pastHead(r.docId(), r.rev(), head));
      }
      Long rev = row.getLong(1);
      return Future.succeededFuture(rev == null ? new SnapshotAt(0, null) : new SnapshotAt(rev, (JsonArray) row.getValue(2)));
    }));
  }

  @Override
  public Future<VersionPutRequest> putVersion(VersionPutRequest r) {
    return db.run(c -> c.preparedQuery(Sql.PUT_VERSION).execute(Tuple.of(r.docId(), r.rev(), r.name(), r.userId()))
        .compose(rows -> rows.size() > 0
            ? Future.succeededFuture(r)
            : c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(r.docId())).compose(doc -> Future.failedFuture(
                doc.size() == 0 ? AppendFailures.noDocument(r.docId())
                    : HistoryFailures.pastHead(r.docId(), r.rev(), doc.iterator().next().getLong(0))))));
  }

  @Override
  public Future<Void> deleteVersion(DocRevRequest r) {
    return db.run(c -> c.preparedQuery(Sql.DELETE_VERSION).execute(Tuple.of(r.docId(), r.rev()))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
            : mustExist(c, r.docId()).compose(v -> Future.failedFuture(HistoryFailures.noVersion(r.docId(), r.rev())))));
  }

  @Override
  public Future<NamedVersions> versions(VersionListRequest r) {
    return db.run(c -> c.preparedQuery(Sql.LIST_VERSIONS).execute(Tuple.of(r.docId(), r.before(), r.limit()))
        .compose(rows -> {
          List<NamedVersions.Version> list = new ArrayList<>(rows.size());
          for (Row row : rows) {
            list.add(new NamedVersions.Version(row.getLong(0), row.getString(1), row.getString(2), row.getLong(3)));
          }
          return list.isEmpty() ? mustExist(c, r.docId()).map(new NamedVersions(list))
              : Future.succeededFuture(new NamedVersions(list));
        }));
  }

  /** Succeeds when the document exists, else NOT_FOUND (an empty answer must tell the two apart). */
  private static Future<Void> mustExist(SqlClient c, String docId) {
    return c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(docId)).compose(doc -> doc.size() == 0
        ? Future.failedFuture(AppendFailures.noDocument(docId)) : Future.succeededFuture());
  }
}
