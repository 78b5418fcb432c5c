package io.verso.web.bridge;

import io.vertx.core.json.JsonObject;

/**
 * Limits of the SockJS event-bus bridge, read once from the {@code bridge} object of the web config.
 *
 * @param maxMessageBytes   largest accepted inbound frame (bigger: TOO_LARGE and the socket is closed)
 * @param framesPerSecond   sustained inbound frames per socket before RATE_LIMITED
 * @param frameBurst        burst allowance of that rate
 * @param idleTimeoutMs     a socket that sent nothing (not even a ping) for this long is closed
 * @param heartbeatMs       SockJS heartbeat interval (server → client)
 * @param replyTimeoutMs    how long a bridged request waits for its reply
 * @param maxRegistrations  addresses one socket may be registered on at once
 * @param touchIntervalMs   how often documents watched by this node's sockets are touched (kept loaded)
 * @param maxQueuedBytes    bytes waiting to be written to one socket before it counts as a reader
 *                          that cannot keep up and is closed (it reconnects and catches up)
 */
public record BridgeConfig(int maxMessageBytes, double framesPerSecond, int frameBurst, long idleTimeoutMs,
    long heartbeatMs, long replyTimeoutMs, int maxRegistrations, long touchIntervalMs, int maxQueuedBytes) {

  public BridgeConfig {
    if (maxMessageBytes < 1024 || framesPerSecond <= 0 || frameBurst < 1 || idleTimeoutMs < 1000
        || heartbeatMs < 100 || replyTimeoutMs < 100 || maxRegistrations < 1 || touchIntervalMs < 100
        || maxQueuedBytes < 64 * 1024) {
      throw new IllegalArgumentException("bridge limits out of range");
    }
  }

  public static BridgeConfig defaults() {
    return from(new JsonObject());
  }

  public static BridgeConfig from(JsonObject config) {
    JsonObject c = config == null || !(config.getValue("bridge") instanceof JsonObject b) ? new JsonObject() : b;
    return new BridgeConfig(
        c.getInteger("maxMessageBytes", 1024 * 1024),
        c.getDouble("framesPerSecond", 50.0),
        c.getInteger("frameBurst", 200),
        c.getLong("idleTimeoutMs", 60_000L),
        c.getLong("heartbeatMs", 25_000L),
        c.getLong("replyTimeoutMs", 3_000L),
        c.getInteger("maxRegistrations", 64),
        c.getLong("touchIntervalMs", 30_000L),
        c.getInteger("maxQueuedBytes", 4 * 1024 * 1024));
  }
}
