package io.verso.presence.wire;


import io.vertx.core.json.JsonObject;

/**
 * The counters of one node's presence-service ({@code {"action":"stats"}}), for metrics. Counters
 * only grow (since the service started); {@code clients} and {@code redisUp} are gauges.
 *
 * @param received valid {@code update} requests accepted (each one a state offered to the throttle)
 * @param published presence states published on {@code presence.<docId>.events}
 * @param dropped states dropped by the throttle: replaced by a newer state of the same client, or
 *     cancelled by its leave, before being published
 * @param redisErrors failed or timed-out Redis operations
 * @param leaves leave events published
 * @param rejected requests refused with a failure code (malformed, unauthenticated, forbidden, too large)
 * @param clients editor tabs this node serves now
 * @param redisUp whether this node currently reaches Redis
 */
public record PresenceStats(long received, long published, long dropped, long redisErrors, long leaves,
    long rejected, int clients, boolean redisUp) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("received", received)
        .put("published", published)
        .put("dropped", dropped)
        .put("redisErrors", redisErrors)
        .put("leaves", leaves)
        .put("rejected", rejected)
        .put("clients", clients)
        .put("redisUp", redisUp);
  }

  public static PresenceStats fromJson(JsonObject json) {
    return new PresenceStats(json.getLong("received", 0L), json.getLong("published", 0L),
        json.getLong("dropped", 0L), json.getLong("redisErrors", 0L), json.getLong("leaves", 0L),
        json.getLong("rejected", 0L), json.getInteger("clients", 0), json.getBoolean("redisUp", false));
  }
}
