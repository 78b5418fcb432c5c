package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.DocRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: no PostgreSQL configured → the launcher starts one, and its data outlives the run. */
class StorageLauncherTest {
  @TempDir
  Path tmp;

  @Test
  void withoutAConfiguredPostgresTheEmbeddedServerIsUsedAndKeepsItsDataBetweenRuns() {
    JsonObject config = new JsonObject().put("pg.dataDir", tmp.resolve("pg").toString());
    String docId = run(config, vertx -> DocRecord.fromJson(await(vertx.eventBus().<JsonObject>request(
        Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", "me").put("title", "Kept"))).body()).id());
    String title = run(config, vertx -> await(vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_GET,
        new JsonObject().put("docId", docId))).body().getString("title"));
    assertThat(title).isEqualTo("Kept");
  }

  /** One "run" of the application: a Vert.x, the launcher, some work, then everything stopped. */
  private static <T> T run(JsonObject config, java.util.function.Function<Vertx, T> work) {
    Vertx vertx = Vertx.vertx();
    StorageLauncher launcher = new StorageLauncher(vertx);
    try {
      await(launcher.deploy(config));
      assertThat(launcher.embedded()).isNotNull();
      return work.apply(vertx);
    } finally {
      await(vertx.close());
      launcher.close();
    }
  }
}
