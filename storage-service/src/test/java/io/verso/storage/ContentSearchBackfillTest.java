package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** V13: a database of before the content search gets every document indexed from its latest snapshot. */
class ContentSearchBackfillTest {
  @Test
  void theMigrationIndexesEachDocumentFromItsLatestSnapshot() {
    JsonObject config = TestPostgres.storageConfig(ContentSearchBackfillTest.class);
    String uri = config.getString("pg.uri");
    Migrations.configure(uri, 5_000).target("12").load().migrate();
    Vertx vertx = Vertx.vertx();
    Pool sql = PgBuilder.pool().connectingTo(uri).using(vertx).build();
    try {
      await(sql.query("INSERT INTO documents (id, title, owner_id, head_rev) VALUES "
          + "('saved', 'Saved twice', 'ann', 3), ('fresh', 'Never saved', 'ann', 0)").execute());
      await(sql.query("INSERT INTO members (doc_id, user_id, role) VALUES ('saved', 'ann', 'owner'), ('fresh', 'ann', 'owner')")
          .execute());
      await(sql.query("INSERT INTO snapshots (doc_id, rev, content) VALUES "
          + "('saved', 1, '[{\"insert\":\"alpha beta\\n\"}]'), "
          + "('saved', 3, '[{\"insert\":\"Gamma \"},{\"insert\":{\"image\":\"/x\"}},{\"insert\":\"ÉTÉ\\n\"}]')").execute());
    } finally {
      await(sql.close());
      await(vertx.close());
    }

    try (StorageFixture storage = StorageFixture.deploy(config)) { // migrates the rest: V13, V13.1
      assertThat(ContentSearchStorageTest.search(storage, "ann", "gamma été", null)).isEqualTo(Map.of("saved", "text"));
      assertThat(ContentSearchStorageTest.search(storage, "ann", "alpha", null)).as("an older snapshot's words").isEmpty();
      assertThat(ContentSearchStorageTest.search(storage, "ann", "never", null)).isEqualTo(Map.of("fresh", "title"));
      assertThat(ContentSearchStorageTest.search(storage, "ann", "image", null)).isEmpty();
    }
  }
}
