package io.verso.storage;

import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the {@link StorageVerticle}. When no PostgreSQL is configured ({@code pg.uri} /
 * {@code VERSO_PG_URI}), starts the embedded PostgreSQL 17 server first (data kept under
 * {@code pg.dataDir}, default {@code <verso.data.dir>/pg}, between runs) and points the verticle at
 * its {@code verso} database as the unprivileged role {@link PostgresServer#APP_ROLE} (migrations and
 * every connection; the superuser only sets the role up). The embedded server stops at JVM exit or
 * with {@link #close()}.
 */
public final class StorageLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(StorageLauncher.class);

  private final Vertx vertx;
  private PostgresServer embedded;
  private String embeddedUri;

  public StorageLauncher(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Deploys the verticle; completes with the deployment id. */
  public Future<String> deploy(JsonObject config) {
    return resolve(config).compose(cfg -> vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(cfg)));
  }

  /** The config with {@code pg.uri} set, starting the embedded server when none is configured. */
  public Future<JsonObject> resolve(JsonObject config) {
    StorageConfig cfg = StorageConfig.from(config);
    if (cfg.pgUri() != null) {
      return Future.succeededFuture(config.copy().put("pg.uri", cfg.pgUri()));
    }
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        if (embedded == null) {
          LOG.info("No PostgreSQL configured (pg.uri / VERSO_PG_URI): starting the embedded server under {}",
              cfg.embeddedHome().toAbsolutePath());
          embedded = PostgresServer.start(cfg.embeddedHome(), 0);
          embeddedUri = embedded.appUri("verso");
        }
        return config.copy().put("pg.uri", embeddedUri);
      }
    });
  }

  /** The embedded server, or null when an external PostgreSQL is used. */
  public synchronized PostgresServer embedded() {
    return embedded;
  }

  /** Stops the embedded server, if any (blocking). */
  public synchronized void close() {
    if (embedded != null) {
      embedded.close();
      embedded = null;
      embeddedUri = null;
    }
  }
}
