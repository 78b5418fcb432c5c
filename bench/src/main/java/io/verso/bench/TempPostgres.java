package io.verso.bench;

import io.verso.storage.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded PostgreSQL in a temporary directory of its own, deleted again on {@link #close}. */
public final class TempPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TempPostgres.class);

  private final Path home;
  private final PostgresServer server;

  private TempPostgres(Path home, PostgresServer server) {
    this.home = home;
    this.server = server;
  }

  /** Starts a server on a free port in a new directory named {@code prefix…}. */
  public static TempPostgres start(String prefix) throws IOException {
    Path home = Files.createTempDirectory(prefix);
    try {
      return new TempPostgres(home, PostgresServer.start(home, 0));
    } catch (RuntimeException e) {
      deleteTree(home);
      throw e;
    }
  }

  /** Creates {@code database} and gives its connection URI. */
  public String database(String database) {
    server.createDatabase(database);
    return server.uri(database);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      deleteTree(home);
    }
  }

  private static void deleteTree(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      LOG.debug("could not delete {}: {}", root, e.toString());
    }
  }
}
