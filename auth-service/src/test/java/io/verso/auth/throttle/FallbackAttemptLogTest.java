package io.verso.auth.throttle;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.verso.auth.throttle.AttemptLog.Limit;
import io.verso.presence.EmbeddedRedis;
import io.verso.runtime.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Redis unreachable: attempts are still counted, on this node (with what it counted before the
 * outage), answers come at once, and the outage is logged once; when Redis is back it counts again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FallbackAttemptLogTest {
  private final Vertx vertx = Vertx.vertx();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(FallbackAttemptLog.class);
  private final Limit limit = new Limit("test:" + UUID.randomUUID(), 5, 60_000);

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void close() {
    logger.detachAppender(logged);
    await(vertx.close());
  }

  private FallbackAttemptLog fallback(Redis redis) {
    return new FallbackAttemptLog(new RedisAttemptLog(redis), new MemoryAttemptLog(), 500, 200,
        System::currentTimeMillis);
  }

  private long take(AttemptLog log, Limit limit) {
    return await(log.take(System.currentTimeMillis(), List.of(limit)));
  }

  private List<String> lines(Level level) {
    return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void noRedisAtAllStillThrottlesOnThisNodeAndWarnsOnce() {
    FallbackAttemptLog log = fallback(Redis.createClient(vertx, "redis://127.0.0.1:" + FreePorts.pick()));
    long start = System.nanoTime();
    int allowed = 0;
    for (int i = 0; i < 30; i++) {
      if (take(log, limit) == 0) {
        allowed++;
      }
    }
    assertThat(allowed).as("max, not unlimited, and not none").isEqualTo(5);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("answers without waiting for Redis")
        .isLessThan(5000);
    assertThat(lines(Level.WARN)).hasSize(1).first().asString().contains("Redis unreachable");
  }

  @Test
  void anOutageKeepsWhatWasCountedAndRedisCountsAgainOnceBack() throws InterruptedException {
    EmbeddedRedis server = EmbeddedRedis.start();
    try {
      Redis redis = Redis.createClient(vertx, server.uri());
      FallbackAttemptLog log = fallback(redis);
      for (int i = 0; i < 3; i++) {
        assertThat(take(log, limit)).isZero();
      }
      assertThat(zcard(redis, limit)).as("counted in Redis").isEqualTo(3);

      server.stop();
      assertThat(take(log, limit)).isZero();
      assertThat(take(log, limit)).isZero();
      assertThat(take(log, limit)).as("the node remembers the 3 counted before the outage").isPositive();
      assertThat(take(log, limit)).isPositive();
      assertThat(lines(Level.WARN)).hasSize(1);

      server.restart();
      Limit fresh = new Limit("test:" + UUID.randomUUID(), 5, 60_000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (lines(Level.INFO).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        take(log, fresh);
      }
      assertThat(lines(Level.INFO)).hasSize(1).first().asString().contains("answers again");
      long before = zcard(redis, fresh);
      assertThat(take(log, fresh)).isZero();
      assertThat(zcard(redis, fresh)).as("counted in Redis again").isEqualTo(before + 1);
      assertThat(lines(Level.WARN)).as("one warning for the one outage").hasSize(1);
    } finally {
      server.stop();
    }
  }

  private static long zcard(Redis redis, Limit limit) {
    return await(redis.send(Request.cmd(Command.ZCARD).arg(RedisAttemptLog.PREFIX + limit.key()))).toLong();
  }
}
