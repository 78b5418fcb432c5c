package io.verso.protocol.presence;

import io.vertx.core.json.JsonObject;

/**
 * The counters of one node's presence-service ({@code {"action":"stats"}}), for metrics.
 *
 * @param published presence states published
 * @param coalesced updates replaced by a newer one (or cancelled by a leave) before being published
 * @param redisErrors failed Redis operations
 * @param leaves leave events published
 * @param clients editor tabs this node serves now
 * @param redisUp whether this node currently reaches Redis
 */
public record PresenceStats(long published, long coalesced, long redisErrors, long leaves, int clients,
    boolean redisUp) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("published", published)
        .put("coalesced", coalesced)
        .put("redisErrors", redisErrors)
        .put("leaves", leaves)
        .put("clients", clients)
        .put("redisUp", redisUp);
  }

  public static PresenceStats fromJson(JsonObject json) {
    return new PresenceStats(json.getLong("published", 0L), json.getLong("coalesced", 0L),
        json.getLong("redisErrors", 0L), json.getLong("leaves", 0L), json.getInteger("clients", 0),
        json.getBoolean("redisUp", false));
  }
}
