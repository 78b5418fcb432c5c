package io.verso.web.ops;

import io.verso.protocol.Addresses;
import io.verso.protocol.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.List;

/**
 * Readiness of this node, asked over the event bus so that it works whichever services run in this
 * process: storage (PostgreSQL reachable, breaker closed), presence (Redis reachable) and, in a
 * cluster, membership. Each check answers within {@link #TIMEOUT_MS}; a check whose service runs
 * nowhere in the cluster is reported as DOWN.
 */
public final class HealthChecks {
  static final long TIMEOUT_MS = 1500;

  private final Vertx vertx;

  public HealthChecks(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@code {"status":"UP|DOWN","checks":{"storage":{...},"redis":{...},"cluster":{...}}}}. */
  public Future<JsonObject> ready() {
    Future<JsonObject> storage = ask(Addresses.STORAGE_HEALTH, new JsonObject());
    Future<JsonObject> redis = ask(Addresses.PRESENCE_SERVICE, new JsonObject().put("action", Presence.ACTION_STATS));
    JsonObject cluster = cluster();
    return Future.join(storage, redis).transform(ar -> {
      JsonObject checks = new JsonObject()
          .put("storage", result(storage, "ok"))
          .put("redis", result(redis, "redisUp"))
          .put("cluster", cluster);
      boolean up = List.of("storage", "redis", "cluster").stream()
          .allMatch(k -> "UP".equals(checks.getJsonObject(k).getString("status")));
      return Future.succeededFuture(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
    });
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return vertx.eventBus().<Object>request(address, body, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> reply.body() instanceof JsonObject j ? j : new JsonObject());
  }

  private static JsonObject result(Future<JsonObject> f, String upField) {
    if (f.succeeded()) {
      JsonObject details = f.result();
      boolean up = Boolean.TRUE.equals(details.getBoolean(upField));
      return new JsonObject().put("status", up ? "UP" : "DOWN").put("details", details);
    }
    return new JsonObject().put("status", "DOWN").put("error", String.valueOf(f.cause().getMessage()));
  }

  private JsonObject cluster() {
    if (!vertx.isClustered()) {
      return new JsonObject().put("status", "UP").put("clustered", false);
    }
    ClusterManager cm = ((VertxInternal) vertx).clusterManager();
    boolean active = cm.isActive();
    return new JsonObject().put("status", active ? "UP" : "DOWN").put("clustered", true)
        .put("members", active ? cm.getNodes().size() : 0).put("nodeId", cm.getNodeId());
  }
}
