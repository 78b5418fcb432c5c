package io.verso.storage.testing;

import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture shared through this module's test-jar: ONE embedded PostgreSQL 17 per JVM (started
 * lazily in a temporary data directory on a free port, stopped and deleted by a shutdown hook), and
 * a fresh database per caller.
 *
 * <pre>{@code
 * static JsonObject config = TestPostgres.freshConfig();   // once per test class
 * vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config));
 * }</pre>
 *
 * {@link #stop()} / {@link #start()} take the server down and up again on the same port (fault tests).
 */
public final class TestPostgres {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static PostgresServer server;

  private TestPostgres() {}

  /** The JVM's server, started on first use. */
  public static synchronized PostgresServer server() {
    if (server == null) {
      try {
        Path home = Files.createTempDirectory("verso-test-pg");
        PostgresServer s = PostgresServer.start(home, 0);
        server = s;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          s.close();
          deleteQuietly(home);
        }, "verso-test-pg-clean"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Creates a new, empty database and returns its {@code postgresql://} URI. */
  public static String freshDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    PostgresServer s = server();
    s.createDatabase(name);
    return s.uri(name);
  }

  /**
   * A {@code StorageVerticle} config on a new, empty database of the shared server (the schema is
   * created by the verticle's migrations at deployment).
   */
  public static JsonObject freshConfig() {
    // a generous breaker timeout: a loaded CI machine can be slow on a cold pool; a stopped server
    // still fails fast (refused connections), so outage tests are not slowed down
    return new JsonObject().put("pg.uri", freshDatabase()).put("breaker.timeoutMs", 10_000)
        .put("pg.connectTimeoutMs", 5_000).put("pg.acquireTimeoutMs", 10_000);
  }

  /**
   * The same as {@link #freshConfig()}, for one test class: a new database per call (the class only
   * labels it in logs). Deploy with
   * {@code vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config))}.
   */
  public static JsonObject storageConfig(Class<?> testClass) {
    JsonObject config = freshConfig();
    org.slf4j.LoggerFactory.getLogger(TestPostgres.class)
        .info("{} uses storage database {}", testClass.getSimpleName(), databaseOf(config.getString("pg.uri")));
    return config;
  }

  private static String databaseOf(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  /** Stops the server (connections are terminated). */
  public static synchronized void stop() {
    server().stop();
  }

  /** Starts the stopped server again on the same port. */
  public static synchronized void start() {
    server().restart();
  }

  private static void deleteQuietly(Path home) {
    try (var s = Files.walk(home)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
