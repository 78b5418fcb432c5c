package io.verso.web.e2e;

import static io.verso.auth.testing.AuthTestConfig.await;

import io.verso.auth.AuthVerticle;
import io.verso.auth.DocumentsVerticle;
import io.verso.auth.SigningKeys;
import io.verso.auth.testing.AuthTestConfig;
import io.verso.edit.EditVerticle;
import io.verso.history.HistoryVerticle;
import io.verso.presence.PresenceVerticle;
import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.verso.web.WebVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;

/**
 * The whole Verso stack in this JVM: storage-service on a fresh embedded-PostgreSQL database,
 * auth-service, edit-service, history-service, presence-service (embedded Redis) and the web tier on a free port.
 */
public final class FullStack implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final WebVerticle web = new ContextWebVerticle();

  /** The web verticle, with its context reachable from tests. */
  private static final class ContextWebVerticle extends WebVerticle {
    Context context() {
      return context;
    }
  }

  public FullStack(JsonObject webConfig) {
    this(webConfig, new JsonObject());
  }

  /** @param authOverrides keys merged into the auth-service test config (e.g. {@code auth.accessTtlSeconds}) */
  public FullStack(JsonObject webConfig, JsonObject authOverrides) {
    this(webConfig, authOverrides, new JsonObject());
  }

  /** @param editConfig the edit-service's config (e.g. {@code {"edit": {"idleUnloadMs": 1500}}}) */
  public FullStack(JsonObject webConfig, JsonObject authOverrides, JsonObject editConfig) {
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())));
    await(vertx.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(
        AuthTestConfig.config(SigningKeys.generate(), 60_000).mergeIn(authOverrides))));
    await(vertx.deployVerticle(new DocumentsVerticle()));
    await(vertx.deployVerticle(new EditVerticle(), new DeploymentOptions().setConfig(editConfig)));
    await(vertx.deployVerticle(new HistoryVerticle()));
    await(vertx.deployVerticle(new PresenceVerticle(), new DeploymentOptions().setConfig(new JsonObject())));
    // tests with short-lived access tokens mean them to expire on time: no clock-skew leeway unless
    // a test asks for one (the leeway has its own test, TokenLeewayTest)
    JsonObject web = new JsonObject().put("auth.jwt.leewaySeconds", 0).mergeIn(webConfig);
    await(vertx.deployVerticle(this.web, new DeploymentOptions().setConfig(web
        .put("http.port", 0).put("http.secureCookies", false))));
  }

  public int port() {
    return web.port();
  }

  /**
   * Runs {@code what} on the web verticle's own event loop — where the bridge and its hub live — as
   * one task, and waits for its result.
   */
  public <T> T onWebContext(Callable<T> what) {
    Promise<T> done = Promise.promise();
    ((ContextWebVerticle) web).context().runOnContext(v -> {
      try {
        done.complete(what.call());
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return await(done.future());
  }

  /** The document as the server has it now (opened as its owner would). */
  public JsonObject open(String docId, String userId) {
    return (JsonObject) await(new DocumentClient(vertx).request(docId, new JsonObject().put("action", "open"),
        new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, userId).addHeader(Addresses.HEADER_ROLE, "owner")))
        .body();
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
