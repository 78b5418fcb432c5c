package io.verso.web.bridge;

import io.verso.runtime.Configs;
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
 * @param maxSocketsPerUser    sockets one user may hold open on this node; more: {@code err} 429 and closed
 * @param maxSocketsPerAddress sockets one client address (the TCP peer) may hold open on this node,
 *                             counted from the handshake on; more: {@code err} 429 and closed
 * @param handshakeTimeoutMs   a TCP bridge connection that has not presented its token by then is closed
 * @param flushWindowMs        least time between two writes of one document's events to its sockets
 *                             (0: write as soon as the event loop gets to them; at most 10)
 */
public record BridgeConfig(int maxMessageBytes, double framesPerSecond, int frameBurst, long idleTimeoutMs,
    long heartbeatMs, long replyTimeoutMs, int maxRegistrations, long touchIntervalMs, int maxQueuedBytes,
    int maxSocketsPerUser, int maxSocketsPerAddress, long handshakeTimeoutMs, long flushWindowMs) {

  public BridgeConfig {
    if (maxMessageBytes < 1024 || framesPerSecond <= 0 || frameBurst < 1 || idleTimeoutMs < 1000
        || heartbeatMs < 100 || replyTimeoutMs < 100 || maxRegistrations < 1 || touchIntervalMs < 100
        || maxQueuedBytes < 64 * 1024 || maxSocketsPerUser < 1 || maxSocketsPerAddress < 1 || handshakeTimeoutMs < 100
        || flushWindowMs < 0 || flushWindowMs > 10) {
      throw new IllegalArgumentException("bridge limits out of range");
    }
  }

  /**
   * The largest body of an {@code xhr_send} request (SockJS's xhr transports): one frame of the limit
   * plus a quarter for SockJS's JSON-string escaping of the frames it carries. Bigger: HTTP 413 before
   * the body is read further.
   */
  public long maxXhrBodyBytes() {
    return maxMessageBytes + maxMessageBytes / 4L;
  }

  public static BridgeConfig defaults() {
    return from(new JsonObject());
  }

  public static BridgeConfig from(JsonObject config) {
    return new BridgeConfig(
        Configs.integer(config, "bridge.maxMessageBytes", 1024 * 1024),
        Configs.decimal(config, "bridge.framesPerSecond", 50.0),
        Configs.integer(config, "bridge.frameBurst", 200),
        Configs.longValue(config, "bridge.idleTimeoutMs", 60_000L),
        Configs.longValue(config, "bridge.heartbeatMs", 25_000L),
        Configs.longValue(config, "bridge.replyTimeoutMs", 3_000L),
        Configs.integer(config, "bridge.maxRegistrations", 64),
        Configs.longValue(config, "bridge.touchIntervalMs", 30_000L),
        Configs.integer(config, "bridge.maxQueuedBytes", 4 * 1024 * 1024),
        Configs.integer(config, "bridge.maxSocketsPerUser", 32),
        Configs.integer(config, "bridge.maxSocketsPerAddress", 64),
        Configs.longValue(config, "bridge.handshakeTimeoutMs", 10_000L),
        Configs.longValue(config, "bridge.flushWindowMs", 10L));
  }
}
