package io.verso.web.ops;

import io.verso.runtime.Configs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

/**
 * The health and metrics endpoints alone, on the HTTP port, for a node that runs services but not
 * the web tier (so load balancers and orchestrators can still probe it).
 */
public final class OpsVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OpsRoutes.mount(vertx, router);
    return vertx.createHttpServer().requestHandler(router)
        .listen(Configs.integer(config(), "http.port", 8080), Configs.string(config(), "http.host", "0.0.0.0"));
  }
}
