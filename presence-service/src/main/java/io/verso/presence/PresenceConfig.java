package io.verso.presence;

import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The presence-service configuration, read once from the verticle's {@code config()} and the
 * environment.
 *
 * <pre>{@code
 * {"redis": {"uri": "redis://host:6379"},     // or "redis.uri"; else env VERSO_REDIS_URI; else embedded
 *  "ttlSeconds": 30,                           // Redis TTL of an entry (default 30)
 *  "heartbeatIntervalMs": 10000,               // renewal of this node's entries (default ttl / 3)
 *  "throttlePerSecond": 10,                    // published states per second per client (default 10)
 *  "clientIdleSeconds": 300,                   // drop a client silent that long; 0 = never (default 300)
 *  "maxClientsPerUser": 100,                   // editor tabs one user may have on one node (default 100)
 *  "redisTimeoutMs": 2000}                     // per Redis command (default 2000)
 * }</pre>
 *
 * @param redisUri the Redis connection string, or null when none is configured (an embedded Redis is used)
 */
public record PresenceConfig(String redisUri, int ttlSeconds, long heartbeatIntervalMs, int throttlePerSecond,
    int clientIdleSeconds, long redisTimeoutMs, int maxClientsPerUser) {

  public static final String ENV_REDIS_URI = "VERSO_REDIS_URI";

  public PresenceConfig {
    if (ttlSeconds < 1 || ttlSeconds > 86_400) {
      throw new IllegalArgumentException("ttlSeconds must be in 1..86400");
    }
    if (heartbeatIntervalMs < 50 || heartbeatIntervalMs >= ttlSeconds * 1000L) {
      throw new IllegalArgumentException("heartbeatIntervalMs must be >= 50 and shorter than the TTL");
    }
    if (throttlePerSecond < 1 || throttlePerSecond > 1000) {
      throw new IllegalArgumentException("throttlePerSecond must be in 1..1000");
    }
    if (clientIdleSeconds < 0) {
      throw new IllegalArgumentException("clientIdleSeconds must be >= 0");
    }
    if (redisTimeoutMs < 1) {
      throw new IllegalArgumentException("redisTimeoutMs must be positive");
    }
    if (maxClientsPerUser < 1) {
      throw new IllegalArgumentException("maxClientsPerUser must be positive");
    }
  }

  public static PresenceConfig from(JsonObject config) {
    return from(config, System.getenv());
  }

  /** The configuration from a JSON object, with the environment as fallback for the Redis URI. */
  public static PresenceConfig from(JsonObject config, Map<String, String> env) {
    JsonObject c = config == null ? new JsonObject() : config;
    String uri = Configs.string(c, "redis.uri", null);
    if (blank(uri)) {
      uri = env.get(ENV_REDIS_URI);
    }
    int ttl = Configs.integer(c, "ttlSeconds", 30);
    long heartbeat = Configs.longValue(c, "heartbeatIntervalMs", ttl * 1000L / 3);
    return new PresenceConfig(blank(uri) ? null : uri.trim(), ttl, heartbeat,
        Configs.integer(c, "throttlePerSecond", 10), Configs.integer(c, "clientIdleSeconds", 300),
        Configs.longValue(c, "redisTimeoutMs", 2000L), Configs.integer(c, "maxClientsPerUser", 100));
  }

  /** The smallest gap between two published states of one client. */
  public long throttleIntervalMs() {
    return Math.max(1, 1000L / throttlePerSecond);
  }

  public PresenceConfig withRedisUri(String uri) {
    return new PresenceConfig(uri, ttlSeconds, heartbeatIntervalMs, throttlePerSecond, clientIdleSeconds,
        redisTimeoutMs, maxClientsPerUser);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
