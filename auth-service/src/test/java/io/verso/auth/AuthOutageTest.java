package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.AuthTestConfig;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.storage.StorageVerticle;
import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL down: logins answer UNAVAILABLE (not a misleading "wrong password"), those attempts
 * are not counted by the throttle, and the right password works as soon as storage is back.
 * Its own PostgreSQL, so stopping it disturbs no other test.
 */
class AuthOutageTest {
  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void anOutageNeitherLiesAboutPasswordsNorLocksUsersOut() throws Exception {
    PostgresServer pg = PostgresServer.start(tmp.resolve("pg"), 0);
    Vertx vertx = Vertx.vertx();
    try {
      pg.createDatabase("verso");
      await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(new JsonObject()
          .put("pg.uri", pg.uri("verso")).put("pg.connectTimeoutMs", 1000)
          .put("breaker.maxFailures", 3).put("breaker.timeoutMs", 1500).put("breaker.resetTimeoutMs", 500))));
      await(vertx.deployVerticle(new AuthVerticle(),
          new DeploymentOptions().setConfig(AuthTestConfig.config(SigningKeys.generate(), 60_000))));
      JsonObject login = new JsonObject().put("username", "outage.user").put("password", "password-outage")
          .put("clientAddress", "10.9.9.9");
      await(vertx.eventBus().request(Addresses.AUTH_REGISTER, login.copy().put("displayName", "Outage")));

      pg.stop();
      for (int i = 0; i < 25; i++) {
        assertThat(failure(vertx, login)).as("attempt " + i).isEqualTo(ErrorCode.UNAVAILABLE);
      }
      pg.restart();

      // storage recovers by itself (breaker half-opens); the 25 unjudged attempts did not lock the account
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      ErrorCode last = failure(vertx, login);
      while (last != null && System.nanoTime() < deadline) {
        assertThat(last).isIn(ErrorCode.UNAVAILABLE);
        Thread.sleep(200);
        last = failure(vertx, login);
      }
      assertThat(last).as("login after the restart").isNull();
    } finally {
      await(vertx.close());
      pg.close();
    }
  }

  /** The failure code of a login, or null when it succeeded. */
  private static ErrorCode failure(Vertx vertx, JsonObject login) {
    try {
      await(vertx.eventBus().request(Addresses.AUTH_LOGIN, login));
      return null;
    } catch (ReplyException e) {
      return ErrorCode.of(e.failureCode());
    }
  }
}
