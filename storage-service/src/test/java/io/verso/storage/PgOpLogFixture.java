package io.verso.storage;

import static io.verso.storage.OpLogContract.await;

import io.verso.protocol.storage.DocCreateRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL op log (group commit on, snapshot every 3 revisions) on a fresh migrated database,
 * with the documents table beside it, as the contract suites use it.
 */
final class PgOpLogFixture implements OpLogFixture, AutoCloseable {
  final Vertx vertx;
  final Db db;
  final PgOpLog log;
  final Documents docs;

  private PgOpLogFixture(Vertx vertx, Db db) {
    this.vertx = vertx;
    this.db = db;
    this.log = new PgOpLog(db, new GroupCommitter(vertx, db, true, 1000), 3);
    this.docs = new Documents(db);
  }

  static PgOpLogFixture start() {
    StorageConfig cfg = StorageConfig.from(TestPostgres.freshConfig());
    Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
    Vertx vertx = Vertx.vertx();
    return new PgOpLogFixture(vertx, new Db(vertx, cfg));
  }

  @Override
  public OpLog log() {
    return log;
  }

  @Override
  public String createDocument(String title) {
    return await(docs.create(new DocCreateRequest("owner", title))).id();
  }

  @Override
  public List<Long> snapshotRevs(String docId) {
    return await(db.run(c -> c.preparedQuery("SELECT rev FROM snapshots WHERE doc_id = $1 ORDER BY rev")
        .execute(Tuple.of(docId)).map(rows -> {
          List<Long> revs = new ArrayList<>();
          for (Row r : rows) {
            revs.add(r.getLong(0));
          }
          return revs;
        })));
  }

  @Override
  public void close() {
    await(db.close());
    await(vertx.close());
  }
}
