package io.verso.app;

import io.verso.app.AppOptions.Service;
import io.verso.storage.StorageLauncher;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the services of one process in dependency order — storage (with the embedded PostgreSQL
 * when none is configured), auth (with the documents service), presence, edit, history, then the web tier
 * last so that it only takes sockets once what it forwards to is up — and undeploys them in reverse.
 *
 * <p>Reverse order is the graceful shutdown: the web tier first (no new sockets; open ones close and
 * their clients reconnect to another node and resend in-flight ops), then edit (pending commits
 * flushed, active documents snapshotted, ownership handed back), then the rest, storage last so
 * edit's final commits and snapshots still reach it; the embedded PostgreSQL only after all of them
 * ({@link #closeEmbedded()}), never by a JVM shutdown hook of its own running beside this one.
 */
public final class Services {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);

  private final Vertx vertx;
  private final AppOptions options;
  private final StorageLauncher storage;
  private final Tracing tracing;
  private final Deque<String> deployed = new ArrayDeque<>();
  private JsonObject config;

  Services(Vertx vertx, AppOptions options, Tracing tracing) {
    this.vertx = vertx;
    this.options = options;
    this.tracing = tracing;
    this.storage = new StorageLauncher(vertx);
  }

  public Vertx vertx() {
    return vertx;
  }

  Future<Void> start() {
    JsonObject base = options.serviceConfig();
    Future<JsonObject> resolved = options.runs(Service.STORAGE)
        ? storage.resolve(base) : Future.succeededFuture(base);
    return resolved.compose(cfg -> {
      config = cfg;
      Future<Void> chain = Future.succeededFuture();
      chain = deploy(chain, Service.STORAGE, "io.verso.storage.StorageVerticle");
      chain = deploy(chain, Service.AUTH, "io.verso.auth.AuthVerticle");
      // the documents service answers with auth: it decides by auth's roles and members
      chain = deploy(chain, Service.AUTH, "io.verso.auth.DocumentsVerticle");
      chain = deploy(chain, Service.PRESENCE, "io.verso.presence.PresenceVerticle");
      chain = deploy(chain, Service.EDIT, "io.verso.edit.EditVerticle");
      chain = deploy(chain, Service.HISTORY, "io.verso.history.HistoryVerticle");
      chain = deploy(chain, Service.WEB, "io.verso.web.WebVerticle");
      // every node answers /health and /metrics on its ops port (load balancer checks, Prometheus), never
      // on the public one
      chain = chain.compose(v -> deployName("io.verso.web.ops.OpsVerticle"));
      return chain;
    });
  }

  private Future<Void> deploy(Future<Void> chain, Service service, String verticle) {
    return options.runs(service) ? chain.compose(v -> deployName(verticle)) : chain;
  }

  private Future<Void> deployName(String verticle) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.copy()))
        .onSuccess(id -> {
          deployed.push(id);
          LOG.info("Started {}", verticle.substring(verticle.lastIndexOf('.') + 1));
        })
        .mapEmpty();
  }

  /** Undeploys in reverse order, each step waiting for the previous one; failures are logged. */
  Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployed.isEmpty()) {
      String id = deployed.pop();
      chain = chain.transform(ar -> vertx.undeploy(id)
          .onFailure(err -> LOG.warn("Undeploying {} failed", id, err))
          .otherwiseEmpty());
    }
    return chain;
  }

  /**
   * The process's own shutdown hook stops the services, then the embedded PostgreSQL
   * ({@link #closeEmbedded()}): the database's own hook, which would stop it beside the graceful
   * shutdown and fail edit's final snapshots, goes. Called once that hook is registered.
   */
  void stopEmbeddedLast() {
    if (storage.embedded() != null) {
      storage.embedded().stopOnlyWhenClosed();
    }
  }

  /**
   * After the Vert.x instance closed: stops the embedded PostgreSQL, if this process started one, and
   * exports the spans not sent yet (blocking).
   */
  void closeEmbedded() {
    try {
      storage.close();
    } finally {
      tracing.close();
    }
  }
}
