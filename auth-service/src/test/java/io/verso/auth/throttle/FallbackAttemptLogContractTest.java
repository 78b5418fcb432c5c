package io.verso.auth.throttle;

import static io.verso.auth.testing.AuthTestConfig.await;

import io.verso.presence.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** While Redis answers, the log with a fallback keeps the contract (its memory only mirrors). */
class FallbackAttemptLogContractTest extends AttemptLogContract {
  private static Vertx vertx;
  private static FallbackAttemptLog log;
  private static FallbackAttemptLog other;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    log = fallback(Redis.createClient(vertx, TestRedis.uri()));
    other = fallback(Redis.createClient(vertx, TestRedis.uri()));
  }

  private static FallbackAttemptLog fallback(Redis redis) {
    return new FallbackAttemptLog(new RedisAttemptLog(redis), new MemoryAttemptLog(), 2000, 1000,
        System::currentTimeMillis);
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  @Override
  AttemptLog log() {
    return log;
  }

  @Override
  AttemptLog otherNode() {
    return other;
  }
}
