package io.verso.bench.storage;

import io.verso.bench.BenchMain;
import io.verso.bench.TempPostgres;
import io.verso.protocol.Addresses;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.StorageStats;
import io.verso.storage.StorageVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged appends per second through the storage-service's event-bus API
 * ({@code STORAGE_OPS_APPEND}) on a real PostgreSQL (the embedded 17 server unless {@code --pg-uri}),
 * group commit against one transaction per append request.
 *
 * <p>Load: {@code --docs} documents, each driven like a sequencer: {@code --window} appends of
 * contiguous revisions in flight (1: the next is sent when the previous is acknowledged), one op of
 * one short insert per append. Every number counts only acknowledged (committed) appends; a failed
 * append stops the run with an error. PostgreSQL runs with its durable defaults (fsync on,
 * synchronous_commit on).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.verso.bench.storage.AppendBenchmark \
 *     [--docs=500] [--window=1] [--seconds=15] [--warmup=5] [--mode=both|group|single] [--pool=8]
 *     [--batches=1 (group-commit batches in flight)] [--pg-uri=...]
 * </pre>
 */
public final class AppendBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(AppendBenchmark.class);

  private AppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchMain.quietLogging();
    Map<String, String> opts = BenchMain.options(args);
    int docs = Integer.parseInt(opts.getOrDefault("docs", "500"));
    int window = Integer.parseInt(opts.getOrDefault("window", "1"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "15"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int pool = Integer.parseInt(opts.getOrDefault("pool", "8"));
    int batches = Integer.parseInt(opts.getOrDefault("batches", "1"));
    String mode = opts.getOrDefault("mode", "both");
    String pgUri = opts.get("pg-uri");

    TempPostgres embedded = pgUri == null ? TempPostgres.start("verso-bench-pg") : null;
    List<String> results = new ArrayList<>();
    try {
      List<Boolean> modes = switch (mode) {
        case "group" -> List.of(true);
        case "single" -> List.of(false);
        default -> List.of(true, false);
      };
      for (boolean group : modes) {
        if (!group && window > 1) {
          // one transaction per append commits a document's pipelined appends concurrently, out of order:
          // they would conflict, so that baseline only exists with one append in flight per document
          results.add("one transaction per append: skipped (needs --window=1)");
          continue;
        }
        String uri = pgUri;
        if (embedded != null) {
          uri = embedded.database(group ? "bench_group" : "bench_single");
        }
        results.add(run(uri, group, docs, window, seconds, warmup, pool, batches));
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    LOG.info("=== storage append benchmark: docs={} window={} seconds={} pool={} batchesInFlight={} ===", docs, window,
        seconds, pool, batches);
    for (String r : results) {
      LOG.info(r);
    }
  }

  private static String run(String uri, boolean group, int docs, int window, int seconds, int warmup, int pool,
      int batches) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = new JsonObject().put("pg.uri", uri).put("groupCommit", group).put("pg.poolSize", pool)
          .put("batchesInFlight", batches)
          .put("breaker.timeoutMs", 30_000).put("pg.acquireTimeoutMs", 60_000);
      await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config)));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < docs; i++) {
        ids.add(await(vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_CREATE,
            new JsonObject().put("ownerId", "bench").put("title", "bench " + i))).body().getString("id"));
      }
      Load load = new Load(vertx, ids, window);
      load.start();
      Thread.sleep(warmup * 1000L);
      StorageStats s0 = stats(vertx);
      long acked0 = load.acked();
      load.resetHistogram();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long acked1 = load.acked();
      long t1 = System.nanoTime();
      StorageStats s1 = stats(vertx);
      Histogram h = load.histogram();
      await(load.stop());
      if (load.failure != null) {
        throw new IllegalStateException("an append failed", load.failure);
      }
      double secs = (t1 - t0) / 1e9;
      long ops = acked1 - acked0;
      long tx = s1.transactions() - s0.transactions();
      return String.format(Locale.ROOT,
          "%-28s %,10.0f acked appends/s  (%,d in %.1f s; %,d transactions, %.1f appends/transaction; "
              + "ack latency p50 %.1f ms, p99 %.1f ms, max %.1f ms)",
          group ? "group commit" : "one transaction per append", ops / secs, ops, secs, tx,
          tx == 0 ? 0.0 : (double) ops / tx,
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    } finally {
      await(vertx.close());
    }
  }

  private static StorageStats stats(Vertx vertx) {
    return StorageStats.fromJson(
        await(vertx.eventBus().<JsonObject>request(Addresses.STORAGE_STATS, new JsonObject())).body());
  }

  /** Closed-loop appenders, all on one context (so each document's revs are sent in order). */
  private static final class Load {
    private final Vertx vertx;
    private final Context context;
    private final List<String> docs;
    private final int window;
    private final long[] nextRev;
    private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(120_000);
    private final JsonArray delta = new JsonArray().add(new JsonObject().put("insert", "x"));
    private Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private volatile long acked;
    private volatile boolean stopping;
    private int outstanding;
    private final Promise<Void> stopped = Promise.promise();
    volatile Throwable failure;

    Load(Vertx vertx, List<String> docs, int window) {
      this.vertx = vertx;
      this.context = vertx.getOrCreateContext();
      this.docs = docs;
      this.window = window;
      this.nextRev = new long[docs.size()];
      java.util.Arrays.fill(nextRev, 1);
    }

    void start() {
      context.runOnContext(v -> {
        for (int d = 0; d < docs.size(); d++) {
          for (int w = 0; w < window; w++) {
            send(d);
          }
        }
      });
    }

    private void send(int d) {
      if (stopping || failure != null) {
        if (outstanding == 0) {
          stopped.tryComplete();
        }
        return;
      }
      long rev = nextRev[d]++;
      OpRecord op = new OpRecord(rev, "bench-client-" + d, rev, "bench", System.currentTimeMillis(), delta);
      long start = System.nanoTime();
      outstanding++;
      vertx.eventBus().request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docs.get(d), List.of(op)).toJson(),
          delivery).onComplete(ar -> {
            outstanding--;
            if (ar.succeeded()) {
              acked++;
              histogram.recordValue(Math.min((System.nanoTime() - start) / 1000, histogram.getHighestTrackableValue()));
            } else if (failure == null && !stopping) {
              failure = ar.cause();
            }
            send(d);
          });
    }

    long acked() {
      return acked;
    }

    void resetHistogram() {
      await(Future.future(p -> context.runOnContext(v -> {
        histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        p.complete();
      })));
    }

    Histogram histogram() {
      return await(Future.<Histogram>future(p -> context.runOnContext(v -> p.complete(histogram.copy()))));
    }

    Future<Void> stop() {
      context.runOnContext(v -> {
        stopping = true;
        if (outstanding == 0) {
          stopped.tryComplete();
        }
      });
      return stopped.future();
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
