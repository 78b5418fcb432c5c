package io.verso.storage;

import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.storage.DocCreateRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history contract against PostgreSQL, plus what only the schema can show. */
class PgHistoryStoreContractTest extends HistoryStoreContract {
  private static Vertx vertx;
  private static Db db;
  private static PgOpLog log;
  private static PgHistoryStore store;
  private static Documents docs;

  @BeforeAll
  static void setUp() {
    StorageConfig cfg = StorageConfig.from(TestPostgres.freshConfig());
    Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
    vertx = Vertx.vertx();
    db = new Db(vertx, cfg);
    log = new PgOpLog(db, new GroupCommitter(vertx, db, true, 1000), 3);
    store = new PgHistoryStore(db);
    docs = new Documents(db);
  }

  @AfterAll
  static void tearDown() {
    await(db.close());
    await(vertx.close());
  }

  @Override
  HistoryStore store() {
    return store;
  }

  @Override
  OpLog log() {
    return log;
  }

  @Override
  String createDocument(String title) {
    return await(docs.create(new DocCreateRequest("owner", title))).id();
  }

  @Test
  void deletingADocumentDeletesItsVersions() {
    String doc = docWithOps(2);
    await(store.putVersion(new VersionPutRequest(doc, 1, "One", "alice")));
    await(docs.delete(doc));
    long left = await(db.run(c -> c.preparedQuery("SELECT count(*) FROM versions WHERE doc_id = $1")
        .execute(Tuple.of(doc)).map(rows -> rows.iterator().next().getLong(0))));
    assertThat(left).isZero();
  }
}
