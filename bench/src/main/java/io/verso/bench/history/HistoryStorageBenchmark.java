package io.verso.bench.history;

import io.verso.bench.BenchMain;
import io.verso.bench.TempPostgres;
import io.verso.bench.trace.Trace;
import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.runtime.DocumentRebuilder;
import io.verso.storage.StorageVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Version history's storage reads on a whole trace (default automerge-paper, 259,778 ops) loaded as
 * one document by {@link HistoryTraceLoader} into the real storage-service on the embedded
 * PostgreSQL 17 (durable defaults), driven through its event-bus API as the history service drives it:
 *
 * <ul>
 *   <li>page: one history page of 20 entries as the history service reads it now, one
 *   {@code verso.storage.history.entries} request — cold (the block cache emptied just before) and
 *   warm (the same page again) — and, for comparison, as it was read before the cache:
 *   {@link HistorySessions#before} over {@code verso.storage.history.meta} in chunks of {@code --read}
 *   ops; at the head and before random revisions, each page checked equal both ways;
 *   <li>revision: opening a random revision — {@code verso.storage.snapshot.at}, then
 *   {@code verso.storage.ops.range} up to it, replayed with {@link DocumentRebuilder}, and the content
 *   encoded as the reply's JSON; also the revisions farthest from a kept snapshot;
 *   <li>size: {@code pg_total_relation_size} of ops, snapshots, versions and the block cache (filled by
 *   paging through the whole document), per 100k revisions.
 * </ul>
 *
 * Each variant runs {@code --iterations} times after one warm-up round; the table is measured after
 * {@code VACUUM ANALYZE} (autovacuum's steady state for an append-only table), and again with the
 * covering index {@code (doc_id, rev) INCLUDE (user_id, ts)} when {@code --covering=both}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.verso.bench.history.HistoryStorageBenchmark \
 *     [--trace=automerge-paper] [--iterations=5] [--pages=50] [--revisions=200] [--read=4096] \
 *     [--covering=off|on|both] [--explain=true]
 * </pre>
 */
public final class HistoryStorageBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryStorageBenchmark.class);
  static final String COVERING_INDEX = "ops_history_meta_idx";

  private HistoryStorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchMain.quietLogging();
    Map<String, String> opts = BenchMain.options(args);
    String traceName = opts.getOrDefault("trace", "automerge-paper");
    int iterations = Integer.parseInt(opts.getOrDefault("iterations", "5"));
    int pages = Integer.parseInt(opts.getOrDefault("pages", "50"));
    int revisions = Integer.parseInt(opts.getOrDefault("revisions", "200"));
    int read = Integer.parseInt(opts.getOrDefault("read", "4096"));
    String covering = opts.getOrDefault("covering", "both");
    boolean explain = Boolean.parseBoolean(opts.getOrDefault("explain", "true"));

    Vertx vertx = Vertx.vertx();
    try (TempPostgres pg = TempPostgres.start("verso-bench-history-pg")) {
      String uri = pg.database("history");
      // storage keeps every snapshot it is given: the loader saves only those the contract's retention keeps
      JsonObject config = new JsonObject().put("pg.uri", uri).put("snapshotsKept", 1_000_000)
          .put("breaker.timeoutMs", 60_000).put("pg.acquireTimeoutMs", 60_000);
      HistoryTraceLoader.await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config)));
      Pool sql = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri)).using(vertx).build();
      Trace trace = Trace.load(traceName);
      long t0 = System.nanoTime();
      HistoryTraceLoader.Loaded doc = new HistoryTraceLoader(vertx).load(trace);
      LOG.info("loaded {}: {} revisions, {} snapshots kept, in {} s", traceName, doc.head(), doc.snapshotRevs().size(),
          (System.nanoTime() - t0) / 1_000_000_000);
      exec(sql, "VACUUM ANALYZE");
      Measure m = new Measure(vertx, doc, read, sql);
      List<String> report = new ArrayList<>();
      report.add(sizes(sql, doc.head(), "without the covering index"));
      for (boolean withIndex : covering.equals("both") ? List.of(false, true) : List.of(covering.equals("on"))) {
        if (withIndex) {
          exec(sql, "CREATE INDEX " + COVERING_INDEX + " ON ops (doc_id, rev) INCLUDE (user_id, ts)");
          exec(sql, "VACUUM ANALYZE");
          report.add(sizes(sql, doc.head(), "with the covering index"));
        }
        String variant = withIndex ? "covering index" : "primary key only";
        if (explain) {
          explain(sql, doc, variant, read);
        }
        m.round(new Random(1), pages, revisions); // warm-up
        report.add(m.readBreakdown(sql, new Random(7), 100, read, variant));
        for (int i = 1; i <= iterations; i++) {
          report.addAll(m.round(new Random(100 + i), pages, revisions).lines(variant + ", iteration " + i));
        }
      }
      exec(sql, "DELETE FROM history_blocks");
      long filled = m.pageThrough();
      report.add(String.format(Locale.ROOT, "paging through the whole document, 100 entries a page, cache empty at "
          + "the start: %.1f ms; again, warm: %.1f ms", filled / 1e6, m.pageThrough() / 1e6));
      report.add(sizes(sql, doc.head(), "with every block cached"));
      LOG.info("=== version history storage: {} ({} revisions), page = 20 entries read {} ops at a time ===",
          traceName, doc.head(), read);
      report.forEach(LOG::info);
      HistoryTraceLoader.await(sql.close());
    } finally {
      HistoryTraceLoader.await(vertx.close());
    }
  }

  /** The timed reads, as the history service does them. */
  static final class Measure {
    final Vertx vertx;
    final HistoryTraceLoader.Loaded doc;
    final HistoryTraceLoader bus;
    final HistorySessions sessions;
    final Pool sql;

    Measure(Vertx vertx, HistoryTraceLoader.Loaded doc, int read, Pool sql) {
      this.vertx = vertx;
      this.doc = doc;
      this.sql = sql;
      this.bus = new HistoryTraceLoader(vertx);
      this.sessions = new HistorySessions(HistorySessions.DEFAULT_GAP_MILLIS, HistorySessions.DEFAULT_MAX_REVS, read);
    }

    Round round(Random rnd, int pages, int revisions) throws Exception {
      Round r = new Round();
      for (int i = 0; i < pages; i++) {
        long before = i == 0 ? doc.head() + 1 : 2 + (long) (rnd.nextDouble() * doc.head());
        long start = System.nanoTime();
        int[] reads = {0, 0};
        HistorySessions.Page page = sessions.before((rev, max) -> {
          reads[0]++;
          List<OpMeta> out = meta(rev, max);
          reads[1] += out.size();
          return out;
        }, before, 20);
        r.pages[i] = System.nanoTime() - start;
        r.pageOps = Math.max(r.pageOps, reads[1]);
        r.pageReads = Math.max(r.pageReads, reads[0]);
        if (page.entries().isEmpty()) {
          throw new IllegalStateException("empty page before " + before);
        }
        exec(sql, "DELETE FROM history_blocks");
        start = System.nanoTime();
        HistoryEntries cold = entries(before, 20);
        r.cold[i] = System.nanoTime() - start;
        start = System.nanoTime();
        HistoryEntries warm = entries(before, 20);
        r.warm[i] = System.nanoTime() - start;
        HistoryEntries expected = new HistoryEntries(page.entries(), page.more());
        if (!cold.equals(expected) || !warm.equals(expected)) {
          throw new IllegalStateException("the cached page before " + before + " differs from HistorySessions'");
        }
      }
      r.cold = Arrays.copyOf(r.cold, pages);
      r.warm = Arrays.copyOf(r.warm, pages);
      r.pages = Arrays.copyOf(r.pages, pages);
      r.revisions = new long[revisions];
      for (int i = 0; i < revisions; i++) {
        long rev = (long) (rnd.nextDouble() * (doc.head() + 1));
        long start = System.nanoTime();
        JsonArray content = open(rev);
        r.revisions[i] = System.nanoTime() - start;
        if (rev == doc.head() && !DeltaJson.fromJson(content).equals(DeltaJson.fromJson(
            new JsonArray().add(new JsonObject().put("insert", doc.text()))))) {
          throw new IllegalStateException("revision " + rev + " is not the trace's end content");
        }
      }
      // the farthest from a kept snapshot: the last revision before each block's checkpoint
      r.worst = new long[20];
      for (int i = 0; i < r.worst.length; i++) {
        long rev = Math.min(doc.head(), (1 + rnd.nextInt((int) (doc.head() / HistoryTraceLoader.BLOCK)))
            * (long) HistoryTraceLoader.BLOCK + HistoryTraceLoader.SNAPSHOT_EVERY - 1);
        long start = System.nanoTime();
        open(rev);
        r.worst[i] = System.nanoTime() - start;
      }
      return r;
    }

    /** One metadata read of {@code read} ops, piece by piece: the SQL alone, through the bus, decoded. */
    String readBreakdown(Pool sql, Random rnd, int n, int read, String variant) {
      long[] rowsQuery = new long[n];
      long[] query = new long[n];
      long[] viaBus = new long[n];
      long[] decoded = new long[n];
      String rowsSql = "SELECT o.rev, o.user_id, o.ts, v.name FROM ops o LEFT JOIN versions v ON v.doc_id = o.doc_id "
          + "AND v.rev = o.rev WHERE o.doc_id = $1 AND o.rev < $2 ORDER BY o.rev DESC LIMIT $3";
      var rowsQ = sql.preparedQuery(rowsSql);
      // tried instead of a row per op: one row of arrays, slower for the client (8 vs 11 ms at load 7)
      var q = sql.preparedQuery("SELECT array_agg(rev), array_agg(user_id), array_agg(ts), array_agg(name) FROM ("
          + rowsSql + ") m");
      for (int i = 0; i < n; i++) {
        long before = read + 1 + (long) (rnd.nextDouble() * (doc.head() - read));
        long r0 = System.nanoTime();
        HistoryTraceLoader.await(rowsQ.execute(io.vertx.sqlclient.Tuple.of(doc.docId(), before, read)));
        rowsQuery[i] = System.nanoTime() - r0;
        long t0 = System.nanoTime();
        HistoryTraceLoader.await(q.execute(io.vertx.sqlclient.Tuple.of(doc.docId(), before, read)));
        long t1 = System.nanoTime();
        JsonObject reply = bus.call(Addresses.STORAGE_HISTORY_META,
            new HistoryMetaRequest(doc.docId(), before, read).toJson());
        long t2 = System.nanoTime();
        HistoryMeta.fromJson(reply);
        long t3 = System.nanoTime();
        query[i] = t1 - t0;
        viaBus[i] = t2 - t1;
        decoded[i] = t3 - t1;
      }
      return String.format(Locale.ROOT, "%s: one metadata read of %d ops: SQL alone, a row per op (as storage) %s; "
          + "SQL alone, one row of arrays %s; through the bus %s; and decoded %s", variant, read, Round.stats(rowsQuery), Round.stats(query), Round.stats(viaBus), Round.stats(decoded));
    }

    HistoryEntries entries(long before, int limit) {
      return HistoryEntries.fromJson(bus.call(Addresses.STORAGE_HISTORY_ENTRIES,
          new HistoryEntriesRequest(doc.docId(), before, limit, HistorySessions.DEFAULT_GAP_MILLIS).toJson()));
    }

    /** Pages through the whole document, 100 entries at a time (fills the block cache); the time taken. */
    long pageThrough() {
      long start = System.nanoTime();
      long before = doc.head() + 1;
      HistoryEntries page;
      do {
        page = entries(before, HistoryEntriesRequest.MAX_LIMIT);
        before = page.entries().get(page.entries().size() - 1).fromRev();
      } while (page.more());
      return System.nanoTime() - start;
    }

    List<OpMeta> meta(long before, int max) {
      HistoryMeta meta = HistoryMeta.fromJson(bus.call(Addresses.STORAGE_HISTORY_META,
          new HistoryMetaRequest(doc.docId(), before, Math.min(max, HistoryMetaRequest.MAX_LIMIT)).toJson()));
      List<OpMeta> out = new ArrayList<>(meta.ops().size());
      for (HistoryMeta.Entry e : meta.ops()) {
        out.add(new OpMeta(e.rev(), e.userId(), e.ts(), OpMeta.UNKNOWN, OpMeta.UNKNOWN, e.name())); // as the service read it
      }
      return out;
    }

    /** The content at {@code rev} as the revision reply carries it. */
    JsonArray open(long rev) {
      SnapshotAt snap = SnapshotAt.fromJson(bus.call(Addresses.STORAGE_SNAPSHOT_AT,
          new DocRevRequest(doc.docId(), rev).toJson()));
      DocumentRebuilder rebuilder = new DocumentRebuilder(doc.docId(), snap.content(), snap.rev());
      while (rebuilder.rev() < rev) {
        OpsResult ops = OpsResult.fromJson(bus.call(Addresses.STORAGE_OPS_RANGE,
            new RangeRequest(doc.docId(), rebuilder.rev(), rev, RangeRequest.MAX_LIMIT).toJson()));
        for (OpRecord op : ops.ops()) {
          rebuilder.apply(op.rev(), op.ops());
        }
      }
      return DeltaJson.toJson(rebuilder.document().toDelta());
    }
  }

  static final class Round {
    long[] pages = new long[10_000];
    long[] cold = new long[10_000];
    long[] warm = new long[10_000];
    long[] revisions;
    long[] worst;
    int pageOps;
    int pageReads;

    List<String> lines(String what) {
      return List.of(
          String.format(Locale.ROOT, "%s: history page (20 entries), history.entries, cold cache: %s", what, stats(cold)),
          String.format(Locale.ROOT, "%s: history page (20 entries), history.entries, warm cache: %s", what, stats(warm)),
          String.format(Locale.ROOT, "%s: history page (20 entries) from history.meta (up to %d ops in %d reads): %s",
              what, pageOps, pageReads, stats(pages)),
          String.format(Locale.ROOT, "%s: open a random revision (%d): %s", what, revisions.length, stats(revisions)),
          String.format(Locale.ROOT, "%s: open a revision farthest from a snapshot (%d): %s", what, worst.length,
              stats(worst)));
    }

    static String stats(long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", s[s.length / 2] / 1e6,
          s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
    }
  }

  static String sizes(Pool sql, long head, String what) throws Exception {
    StringBuilder sb = new StringBuilder("storage " + what + " (total incl. indexes and TOAST; per 100k revisions):");
    for (String table : List.of("ops", "snapshots", "versions", "history_blocks")) {
      long bytes = HistoryTraceLoader.await(sql.query("SELECT pg_total_relation_size('" + table + "')").execute())
          .iterator().next().getLong(0);
      sb.append(String.format(Locale.ROOT, " %s %.1f MiB (%.1f MiB);", table, bytes / 1048576.0,
          bytes / 1048576.0 * 100_000 / head));
    }
    return sb.toString();
  }

  static void explain(Pool sql, HistoryTraceLoader.Loaded doc, String variant, int read) throws Exception {
    String meta = "SELECT o.rev, o.user_id, o.ts, v.name FROM ops o LEFT JOIN versions v ON v.doc_id = o.doc_id "
        + "AND v.rev = o.rev WHERE o.doc_id = '" + doc.docId() + "' AND o.rev < %d ORDER BY o.rev DESC LIMIT " + read;
    String at = "SELECT d.head_rev, s.rev, s.content FROM documents d LEFT JOIN LATERAL (SELECT rev, content "
        + "FROM snapshots WHERE doc_id = d.id AND rev <= %d ORDER BY rev DESC LIMIT 1) s ON true WHERE d.id = '"
        + doc.docId() + "'";
    for (String q : List.of(String.format(Locale.ROOT, meta, doc.head() + 1),
        String.format(Locale.ROOT, meta, doc.head() / 2), String.format(Locale.ROOT, at, doc.head() / 2))) {
      StringBuilder plan = new StringBuilder();
      for (Row row : HistoryTraceLoader.await(sql.query("EXPLAIN (ANALYZE, BUFFERS) " + q).execute())) {
        plan.append("\n    ").append(row.getString(0));
      }
      LOG.info("EXPLAIN ({}): {}{}", variant, q.length() > 90 ? q.substring(0, 90) + "…" : q, plan);
    }
  }

  private static void exec(Pool sql, String statement) throws Exception {
    HistoryTraceLoader.await(sql.query(statement).execute());
  }
}
