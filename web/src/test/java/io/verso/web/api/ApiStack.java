package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;

import io.verso.auth.AuthVerticle;
import io.verso.auth.DocumentsVerticle;
import io.verso.auth.SigningKeys;
import io.verso.auth.testing.AuthTestConfig;
import io.verso.web.WebVerticle;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** storage-service (fresh database) + auth-service (with the documents service) + web tier(s) in one Vert.x, for the API tests. */
public final class ApiStack implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final SigningKeys keys = SigningKeys.generate();
  private final JsonObject storageConfig = TestPostgres.freshConfig();
  private String storageDeployment;

  public ApiStack(long loginWindowMs) {
    this(loginWindowMs, new JsonObject());
  }

  /** @param authOverrides keys merged into the auth-service test config (e.g. {@code auth.signup.mode}) */
  public ApiStack(long loginWindowMs, JsonObject authOverrides) {
    startStorage();
    await(vertx.deployVerticle(new AuthVerticle(),
        new DeploymentOptions().setConfig(AuthTestConfig.config(keys, loginWindowMs).mergeIn(authOverrides))));
    await(vertx.deployVerticle(new DocumentsVerticle()));
  }

  /** Deploys a web tier on a free port and returns it. */
  public WebVerticle web(boolean secureCookies) {
    return web(secureCookies, new JsonObject());
  }

  /** As {@link #web(boolean)}, with {@code overrides} merged into the web tier's config (e.g. {@code images.maxBytes}). */
  public WebVerticle web(boolean secureCookies, JsonObject overrides) {
    WebVerticle web = new WebVerticle();
    await(vertx.deployVerticle(web, new DeploymentOptions().setConfig(new JsonObject()
        .put("http.port", 0).put("http.secureCookies", secureCookies).mergeIn(overrides))));
    return web;
  }

  /** Takes storage-service off the bus (every STORAGE_* request then fails UNAVAILABLE). */
  public void stopStorage() {
    await(vertx.undeploy(storageDeployment));
  }

  /** Deploys storage-service (again) on the same database. */
  public void startStorage() {
    storageDeployment = await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(storageConfig)));
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
