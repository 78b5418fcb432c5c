package io.verso.web.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live} (the process answers), {@code GET /health/ready} ({@link HealthChecks};
 * 503 when a dependency is down) and {@code GET /metrics} (Prometheus text format from the registry
 * the app installed in Micrometer's global registry; 404 when none is installed).
 */
public final class OpsRoutes {
  private OpsRoutes() {}

  public static void mount(Vertx vertx, Router router) {
    HealthChecks checks = new HealthChecks(vertx);
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> checks.ready()
        .onSuccess(r -> json(ctx, "UP".equals(r.getString("status")) ? 200 : 503, r))
        .onFailure(ctx::fail));
    router.get("/metrics").handler(OpsRoutes::metrics);
  }

  private static void metrics(RoutingContext ctx) {
    PrometheusMeterRegistry prometheus = null;
    for (MeterRegistry r : Metrics.globalRegistry.getRegistries()) {
      if (r instanceof PrometheusMeterRegistry p) {
        prometheus = p;
      }
    }
    if (prometheus == null) {
      json(ctx, 404, new JsonObject().put("error", new JsonObject().put("code", "NOT_FOUND")
          .put("message", "metrics are not enabled in this process")));
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(prometheus.scrape());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
