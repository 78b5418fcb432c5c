package io.verso.auth.throttle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this node's throttles count: with a Redis URI, in Redis for every node (this node's memory
 * while it is unreachable); without one, in memory. Closed with the auth-service.
 */
public final class ThrottleStore {
  private static final Logger LOG = LoggerFactory.getLogger(ThrottleStore.class);

  private final AttemptLog log;
  private final Redis redis;

  private ThrottleStore(AttemptLog log, Redis redis) {
    this.log = log;
    this.redis = redis;
  }

  /** {@code redisUri} null: memory; {@code clustered}: whether to warn that memory counts per node. */
  public static ThrottleStore open(Vertx vertx, String redisUri, boolean clustered) {
    if (redisUri == null) {
      if (clustered) {
        LOG.warn("No Redis configured (redis.uri / --redis-url): each node counts failed logins and sign-ups "
            + "on its own, so a client spread over N nodes gets N times the attempts");
      }
      return new ThrottleStore(new MemoryAttemptLog(), null);
    }
    Redis redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(redisUri)
        .setMaxPoolSize(4)
        .setMaxPoolWaiting(256)
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout((int) FallbackAttemptLog.DEFAULT_TIMEOUT_MS)
            .setTcpNoDelay(true)));
    return new ThrottleStore(new FallbackAttemptLog(new RedisAttemptLog(redis), new MemoryAttemptLog(),
        FallbackAttemptLog.DEFAULT_TIMEOUT_MS, FallbackAttemptLog.DEFAULT_RETRY_MS, System::currentTimeMillis),
        redis);
  }

  public AttemptLog log() {
    return log;
  }

  public Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
