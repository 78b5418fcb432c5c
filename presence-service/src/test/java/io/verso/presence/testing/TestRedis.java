package io.verso.presence.testing;

import io.verso.presence.EmbeddedRedis;

/**
 * One embedded Redis per test JVM (started on first use, stopped at JVM exit), with {@link #stop()}
 * and {@link #start()} for fault tests. Tests isolate themselves with random document ids.
 */
public final class TestRedis {
  private static EmbeddedRedis redis;

  private TestRedis() {}

  /** The running server's URI (started if needed). */
  public static synchronized String uri() {
    return server().uri();
  }

  /** Stops the server (its data is lost), e.g. to test an outage. */
  public static synchronized void stop() {
    server().stop();
  }

  /** (Re)starts the server on the same port. */
  public static synchronized void start() {
    server().restart();
  }

  public static synchronized boolean isRunning() {
    return redis != null && redis.isRunning();
  }

  private static EmbeddedRedis server() {
    if (redis == null) {
      redis = EmbeddedRedis.start();
      EmbeddedRedis started = redis;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-redis-stop"));
    }
    return redis;
  }
}
