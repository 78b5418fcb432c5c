package io.verso.storage;

import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.StoredImage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Images on PostgreSQL (table of V12). A put is one transaction: the document's advisory lock, then
 * an insert that happens only within the document's limits, so concurrent uploads cannot both pass.
 */
final class PgBlobStore implements BlobStore {
  private final Db db;

  PgBlobStore(Db db) {
    this.db = db;
  }

  @Override
  public Future<String> put(ImagePutRequest r) {
    String etag = ImageFailures.etag(r.bytes());
    Tuple args = Tuple.of(r.docId(), r.imageId(), r.userId(), r.contentType(), etag, r.bytes().length,
        Buffer.buffer(r.bytes()), (long) r.maxCount(), r.maxBytes());
    return db.tx(c -> c.preparedQuery(Sql.LOCK_IMAGES).execute(Tuple.of(r.docId()))
            .compose(v -> c.preparedQuery(Sql.PUT_IMAGE).execute(args)))
        .recover(e -> Future.failedFuture(switch (String.valueOf(Db.constraint(e))) {
          case "images_doc_id_fkey" -> AppendFailures.noDocument(r.docId());
          case "images_pkey" -> ImageFailures.taken(r);
          default -> e;
        }))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(etag) : Future.failedFuture(ImageFailures.overQuota(r)));
  }

  @Override
  public Future<StoredImage> get(String docId, String imageId) {
    return db.run(c -> c.preparedQuery(Sql.GET_IMAGE).execute(Tuple.of(docId, imageId))).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ImageFailures.noImage(docId, imageId));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new StoredImage(row.getString(0), row.getString(1), row.getBuffer(2).getBytes()));
    });
  }
}
