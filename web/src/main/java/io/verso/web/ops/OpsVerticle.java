package io.verso.web.ops;

import io.verso.runtime.Configs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health and metrics endpoints ({@link OpsRoutes}) on a server of their own, {@code ops.host}
 * (default 127.0.0.1) and {@code ops.port} (default 9090; 0: no ops server), apart from the public HTTP
 * port: what they tell (dependencies, cluster members, traffic) is for the operator's probes and
 * Prometheus, not for whoever reaches the load balancer. Every process runs it, web tier or not.
 */
public final class OpsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OpsVerticle.class);
  private HttpServer server;

  @Override
  public Future<?> start() {
    int port = Configs.integer(config(), "ops.port", 9090);
    String host = Configs.string(config(), "ops.host", "127.0.0.1");
    if (port <= 0) {
      return Future.succeededFuture();
    }
    Router router = Router.router(vertx);
    OpsRoutes.mount(vertx, router);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> {
      server = s;
      LOG.info("Ops endpoints (/health/live, /health/ready, /metrics) on {}:{}", host, s.actualPort());
    });
  }

  /** The bound port, or -1 when there is no ops server. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }
}
