package io.verso.auth.throttle;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.presence.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real Redis (the embedded one), plus what Redis alone can get wrong: names, expiry, size. */
class RedisAttemptLogContractTest extends AttemptLogContract {
  private static Vertx vertx;
  private static Redis redis;
  private static Redis otherRedis;
  private static RedisAttemptLog log;
  private static RedisAttemptLog other;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, TestRedis.uri());
    otherRedis = Redis.createClient(vertx, TestRedis.uri());
    log = new RedisAttemptLog(redis);
    other = new RedisAttemptLog(otherRedis);
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

  static Long redisLong(Command command, String key) {
    return await(redis.send(Request.cmd(command).arg(key))).toLong();
  }

  @Test
  void everyKeyIsNamespacedHoldsAtMostMaxAndExpiresWithItsWindow() {
    AttemptLog.Limit a = limit("a", 3);
    AttemptLog.Limit b = new AttemptLog.Limit(key("b"), 2, 5000);
    long now = System.currentTimeMillis();
    await(log.take(now, List.of(a, b)));
    for (int i = 1; i <= 10; i++) {
      await(log.add(now + i, List.of(a, b)));
    }
    String redisA = RedisAttemptLog.PREFIX + a.key();
    String redisB = RedisAttemptLog.PREFIX + b.key();
    assertThat(redisLong(Command.ZCARD, redisA)).isEqualTo(3);
    assertThat(redisLong(Command.ZCARD, redisB)).isEqualTo(2);
    assertThat(redisLong(Command.PTTL, redisA)).isBetween(1L, MINUTE);
    assertThat(redisLong(Command.PTTL, redisB)).isBetween(1L, 5000L);
    assertThat(redisLong(Command.EXISTS, a.key())).as("nothing outside the namespace").isZero();
  }

  @Test
  void readsAndTakeBacksCreateNoKey() {
    AttemptLog.Limit a = limit("untouched", 1);
    await(log.peek(T, List.of(a)));
    await(log.dropNewest(List.of(a.key())));
    await(log.clear(a.key()));
    assertThat(redisLong(Command.EXISTS, RedisAttemptLog.PREFIX + a.key())).isZero();
  }

  @Test
  void aKeyIsGoneOnceItsWindowHasPassed() throws InterruptedException {
    AttemptLog.Limit a = new AttemptLog.Limit(key("brief"), 5, 200);
    await(log.take(System.currentTimeMillis(), List.of(a)));
    Thread.sleep(400);
    assertThat(redisLong(Command.EXISTS, RedisAttemptLog.PREFIX + a.key())).isZero();
  }
}
