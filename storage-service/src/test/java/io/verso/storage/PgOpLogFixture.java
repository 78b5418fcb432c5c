package io.verso.storage;

import static io.verso.storage.OpLogContract.await;

import io.verso.protocol.storage.DocCreateRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL op log (group commit on, snapshot every 3 revisions) on a fresh migrated database,
 * with the documents table beside it, as the contract suites use it: registered as a static
 * extension, it starts before the class's tests and closes after them.
 */
final class PgOpLogFixture implements OpLogFixture, BeforeAllCallback, AfterAllCallback {
  private Vertx vertx;
  Db db;
  PgOpLog log;
  Documents docs;

  @Override
  public void beforeAll(ExtensionContext context) {
    StorageConfig cfg = StorageConfig.from(TestPostgres.freshConfig());
    Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
    vertx = Vertx.vertx();
    db = new Db(vertx, cfg);
    log = new PgOpLog(db, new GroupCommitter(vertx, db, true, 1000), 3);
    docs = new Documents(db);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    await(db.close());
    await(vertx.close());
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
}
