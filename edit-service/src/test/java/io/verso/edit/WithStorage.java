package io.verso.edit;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that drive sequencers directly against one real storage-service (embedded PostgreSQL). */
abstract class WithStorage {
  static Vertx vertx;

  @BeforeAll
  static void startStorage() throws Exception {
    vertx = Vertx.vertx();
    Fixture.deployStorage(vertx).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopStorage() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
