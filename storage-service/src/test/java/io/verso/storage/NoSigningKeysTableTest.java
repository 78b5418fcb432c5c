package io.verso.storage;

import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** The database holds no access-token signing key: the migrated schema has no table for one. */
class NoSigningKeysTableTest {
  @Test
  void theSigningKeysTableIsGone() {
    StorageConfig cfg = StorageConfig.from(TestPostgres.freshConfig());
    Migrations.migrate(cfg.pgUri(), cfg.connectTimeoutMs());
    Vertx vertx = Vertx.vertx();
    Db db = new Db(vertx, cfg);
    try {
      Object table = await(db.run(c -> c.query("SELECT to_regclass('signing_keys')").execute()))
          .iterator().next().getValue(0);
      assertThat(table).as("signing_keys after migration").isNull();
    } finally {
      await(db.close());
      await(vertx.close());
    }
  }
}
