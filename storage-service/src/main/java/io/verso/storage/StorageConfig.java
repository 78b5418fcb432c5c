package io.verso.storage;

import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * storage-service configuration, read once from the verticle's {@code config()}.
 *
 * <ul>
 *   <li>{@code pg.uri} — {@code postgresql://user:password@host:port/db}; else env {@code VERSO_PG_URI};
 *       else none (the {@link StorageLauncher} then starts the embedded server and sets it)</li>
 *   <li>{@code pg.poolSize} (8), {@code pg.connectTimeoutMs} (2000: TCP connect + handshake of a new
 *       connection), {@code pg.acquireTimeoutMs} (5000: longest wait for a pooled connection; a refused
 *       connection fails the waiter at once)</li>
 *   <li>{@code breaker.maxFailures} (3), {@code breaker.timeoutMs} (3000), {@code breaker.resetTimeoutMs} (1000)</li>
 *   <li>{@code groupCommit} (true; false = one transaction per append request, for comparison),
 *       {@code maxBatchOps} (1000), {@code batchesInFlight} (1; more lets batches of disjoint documents commit
 *       at once), {@code maxAppendBytes} (4194304: larger appends are TOO_LARGE)</li>
 *   <li>{@code snapshotsKept} (3)</li>
 *   <li>{@code docs.trashDays} (30: a trashed document is purged that many days after it was trashed;
 *       0 purges it at the next run), {@code docs.purgeIntervalMs} (3600000: how often this node purges)</li>
 *   <li>{@code pg.dataDir} — the embedded server's home; default {@code <verso.data.dir>/pg}
 *       ({@code verso.data.dir} from the config, else the system property, else {@code ./data})</li>
 * </ul>
 */
public record StorageConfig(
    String pgUri,
    int poolSize,
    int connectTimeoutMs,
    int acquireTimeoutMs,
    int breakerMaxFailures,
    long breakerTimeoutMs,
    long breakerResetTimeoutMs,
    boolean groupCommit,
    int maxBatchOps,
    int batchesInFlight,
    int maxAppendBytes,
    int snapshotsKept,
    int trashDays,
    long purgeIntervalMs,
    Path embeddedHome) {

  public static StorageConfig from(JsonObject config) {
    return from(config, System.getenv("VERSO_PG_URI"));
  }

  static StorageConfig from(JsonObject config, String envUri) {
    String uri = Configs.string(config, "pg.uri", null);
    if (uri == null || uri.isBlank()) {
      uri = envUri == null || envUri.isBlank() ? null : envUri.strip();
    }
    String dataDir = Configs.string(config, "verso.data.dir", System.getProperty("verso.data.dir", "data"));
    String home = Configs.string(config, "pg.dataDir", null);
    return new StorageConfig(
        uri,
        positive(config, "pg.poolSize", 8),
        positive(config, "pg.connectTimeoutMs", 2000),
        positive(config, "pg.acquireTimeoutMs", 5000),
        positive(config, "breaker.maxFailures", 3),
        positive(config, "breaker.timeoutMs", 3000),
        positive(config, "breaker.resetTimeoutMs", 1000),
        Configs.bool(config, "groupCommit", true),
        positive(config, "maxBatchOps", 1000),
        positive(config, "batchesInFlight", 1),
        positive(config, "maxAppendBytes", 4 << 20),
        positive(config, "snapshotsKept", 3),
        atLeastZero(config, "docs.trashDays", 30),
        positive(config, "docs.purgeIntervalMs", 3_600_000),
        home != null ? Path.of(home) : Path.of(dataDir, "pg"));
  }

  /** How long the group committer waits for a transaction the breaker gave up on before the next one. */
  long stuckAfterMs() {
    return 2 * breakerTimeoutMs + connectTimeoutMs;
  }

  private static int atLeastZero(JsonObject config, String key, int dflt) {
    int v = Configs.integer(config, key, dflt);
    if (v < 0 || v > 36_500) {
      throw new IllegalArgumentException(key + " must be 0..36500, got " + v);
    }
    return v;
  }

  private static int positive(JsonObject config, String key, int dflt) {
    int v = Configs.integer(config, key, dflt);
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
    return v;
  }
}
