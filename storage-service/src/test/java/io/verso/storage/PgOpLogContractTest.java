package io.verso.storage;

import io.verso.protocol.storage.DocCreateRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suite against PostgreSQL (group commit on). */
class PgOpLogContractTest extends OpLogContract {
  private static Vertx vertx;
  private static Db db;
  private static PgOpLog log;
  private static Documents docs;

  @BeforeAll
  static void setUp() {
    JsonObject config = TestPostgres.freshConfig();
    StorageConfig cfg = StorageConfig.from(config);
    Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
    vertx = Vertx.vertx();
    db = new Db(vertx, cfg);
    log = new PgOpLog(db, new GroupCommitter(vertx, db, true, 1000), 3);
    docs = new Documents(db);
  }

  @AfterAll
  static void tearDown() {
    await(db.close());
    await(vertx.close());
  }

  @Override
  OpLog log() {
    return log;
  }

  @Override
  String createDocument(String title) {
    return await(docs.create(new DocCreateRequest("owner", title))).id();
  }

  @Override
  List<Long> snapshotRevs(String docId) {
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
