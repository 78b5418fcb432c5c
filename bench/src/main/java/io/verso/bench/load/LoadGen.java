package io.verso.bench.load;

import io.verso.bench.trace.Trace;
import io.verso.bench.Contexts;
import io.verso.delta.Delta;
import io.verso.client.BridgeClient;
import io.verso.client.BridgeEditor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load generator: real bridge clients (WebSocket, the browser protocol, the same OT client) against
 * a running Verso. One scenario per command:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.verso.bench.load.LoadGen b1 --url http://localhost:8080/ --trace sveltecomponent
 *   java -cp bench/target/benchmarks.jar io.verso.bench.load.LoadGen b3 --url ... --users 16,32,64,128,256,512 --seconds 20
 *   java -cp bench/target/benchmarks.jar io.verso.bench.load.LoadGen b4 --url ... --docs 1000 --seconds 30
 *   java -cp bench/target/benchmarks.jar io.verso.bench.load.LoadGen connections --url ... --sockets 5000
 * </pre>
 *
 * {@code --url} takes several comma-separated node URLs for a cluster (clients spread round-robin);
 * {@code --ops-url} the nodes' ops servers for their {@code /metrics} (default: each node's host, port 9090).
 * Latencies are recorded in HdrHistogram, in microseconds, and printed in milliseconds.
 */
public final class LoadGen {
  private static final String COMMITTED = "verso_edit_ops_committed_total";
  private final Target target;
  private final Vertx vertx;
  /** Event loops of the load generator's Vert.x ({@code --loops}). */
  private final int loopCount;
  /** {@code --timeline}: print each measured second's broadcast latency, to line a tail up with GC or checkpoint logs. */
  private final boolean timeline;

  private LoadGen(Vertx vertx, Target target, int loopCount, boolean timeline) {
    this.vertx = vertx;
    this.target = target;
    this.loopCount = loopCount;
    this.timeline = timeline;
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: LoadGen b1|b3|b4|connections --url http://host:port/ [options]");
      System.exit(2);
    }
    Args a = new Args(argv, 1);
    // one loop by default: every published number ran on one (the clients of a run had all landed on
    // one loop by accident until 2026-11-25), and on these 2 cores, shared with the node and
    // PostgreSQL, a second loop cost more than it gave (B4 5/s: 45.5 instead of 38.4 µs per op)
    int loops = a.integer("loops", 1);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    Target target = new Target(vertx, a.str("url", "http://localhost:8080/"), a.str("ops-url", null));
    target.batch = a.str("batch", "false").equals("true");
    LoadGen gen = new LoadGen(vertx, target, loops, a.str("timeline", "false").equals("true"));
    try {
      target.login().await();
      switch (argv[0]) {
        case "b1" -> gen.b1(a);
        case "b3" -> gen.b3(a);
        case "b4" -> gen.b4(a);
        case "connections" -> gen.connections(a);
        default -> throw new IllegalArgumentException("unknown scenario " + argv[0]);
      }
    } finally {
      vertx.close().await();
    }
    System.exit(0);
  }

  // ------------------------------------------------------------------ B1

  /** One writer replays a trace closed-loop: the next patch is typed once the previous one is acked. */
  private void b1(Args a) throws Exception {
    Trace t = Trace.load(a.str("trace", "sveltecomponent"));
    int limit = Math.min(a.integer("ops", t.patches()), t.patches());
    String docId = target.newDoc("B1 " + t.name).await();
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Context ctx = vertx.getOrCreateContext();
    Promise<String> done = Promise.promise();
    long[] start = {0};
    on(ctx, () -> target.socket(0).compose(sock -> {
      BridgeEditor e = new BridgeEditor(vertx, sock, docId, clientId());
      int[] next = {0};
      Runnable step = new Runnable() {
        @Override
        public void run() {
          if (next[0] == limit) {
            done.tryComplete(withoutFinalNewline(e.text()));
            return;
          }
          int i = next[0]++;
          Delta d = Delta.builder().retain(t.pos[i]).delete(t.deleted[i]).insert(t.inserted[i]).build();
          if (d.ops().isEmpty()) {
            run();
          } else {
            e.edit(d);
          }
        }
      };
      e.onAck((seq, nanos) -> {
        h.recordValue(Math.max(1, nanos / 1000));
        step.run();
      });
      return e.open().map(v -> {
        start[0] = System.nanoTime();
        step.run();
        return null;
      });
    })).await();
    String text = done.future().await();
    double secs = (System.nanoTime() - start[0]) / 1e9;
    boolean full = limit == t.patches();
    System.out.printf(Locale.ROOT, "B1 trace=%s ops=%d time=%.1fs ops/s=%.0f ack p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms %s%n",
        t.name, limit, secs, limit / secs, ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
        full ? (text.equals(t.endContent) ? "final text == endContent" : "FINAL TEXT DIFFERS FROM endContent")
            : "(partial trace: endContent not compared)");
    if (full && !text.equals(t.endContent)) {
      System.exit(1);
    }
  }

  // ------------------------------------------------------------------ B3

  /** N users on one document, each typing at its own place at a fixed rate; remote latency per N. */
  private void b3(Args a) throws Exception {
    double rate = a.dbl("rate", 6);
    // --cursors R: every user also moves its cursor R times a second (presence), reported apart
    double cursorRate = a.dbl("cursors", 0);
    int seconds = a.integer("seconds", 20);
    int warmup = a.integer("warmup", 5);
    System.out.println("B3 users | remote p50 ms | remote p99 ms | acked ops/s | server CPU (0..1 of all cores) | clients"
        + (cursorRate > 0 ? " | cursor p50 / p99 ms, cursor deliveries/s" : "") + " | frames: " + (target.batch ? "batched" : "standard"));
    for (String n : a.str("users", "16,32,64,128,256,512").split(",")) {
      int users = Integer.parseInt(n.trim());
      Cursors cursors = cursorRate > 0 ? new Cursors() : null;
      Result r = typing(1, users, rate, warmup, seconds, cursors, cursorRate);
      String presence = "";
      if (cursors != null) {
        Histogram c = cursors.latency();
        presence = String.format(Locale.ROOT, " | %.2f / %.2f, %.0f", ms(c, 50), ms(c, 99), cursors.delivered() / (double) seconds);
      }
      System.out.printf(Locale.ROOT, "B3 %5d | %8.2f | %8.2f | %8.0f | %.2f | %s%s%n", users, ms(r.remote, 50), ms(r.remote, 99),
          r.acked / (double) seconds, r.cpu, r.health(users), presence);
    }
  }

  // ------------------------------------------------------------------ B4

  private void b4(Args a) throws Exception {
    int docs = a.integer("docs", 1000);
    int perDoc = a.integer("clients", 3);
    double rate = a.dbl("rate", 5);
    int seconds = a.integer("seconds", 30);
    Result r = typing(docs, perDoc, rate, a.integer("warmup", 5), seconds, null, 0);
    double heap = target.metric("jvm_memory_used_bytes{area=\"heap\"").await();
    System.out.printf(Locale.ROOT, "B4 docs=%d clients/doc=%d rate=%.1f/s: broadcast p50=%.2fms p99=%.2fms p99.9=%.2fms"
        + " acked ops/s=%.0f committed ops/s (server counter)=%.0f heap used=%.0f MiB server CPU=%.2f; %s%n",
        docs, perDoc, rate, ms(r.remote, 50), ms(r.remote, 99), ms(r.remote, 99.9), r.acked / (double) seconds,
        r.committed / seconds, heap / (1 << 20), r.cpu, r.health(docs * perDoc));
  }

  /** Also how many sockets the server closed and how many editors hit a non-retryable failure during the run. */
  private record Result(Histogram remote, long acked, double committed, double cpu, int socketsLost, int editorsFailed,
      Map<String, Long> why, long acksByCatchUp) {
    String health(int clients) {
      return (socketsLost == 0 && editorsFailed == 0 ? "all " + clients + " clients connected throughout"
          : socketsLost + " of " + clients + " sockets lost, " + editorsFailed + " editors failed " + why)
          + "; " + acksByCatchUp + " ops acknowledged by a catch-up instead of their event";
    }
  }

  /**
   * {@code docs} documents, {@code perDoc} editors each, every editor typing {@code rate} keystrokes
   * per second at its own line. Remote latency = from the submit of an op to its arrival at each
   * other editor of the document.
   */
  private Result typing(int docs, int perDoc, double rate, int warmupSeconds, int seconds, Cursors cursors, double cursorRate)
      throws Exception {
    Recorder remote = new Recorder(3);
    long[] acked = {0};
    boolean[] measuring = {false};
    Map<String, SubmitTimes> submitted = new ConcurrentHashMap<>();
    List<BridgeClient> sockets = new ArrayList<>();
    List<BridgeEditor> editors = new ArrayList<>();
    List<Long> timers = new ArrayList<>();
    // one context per event loop, each with one keystroke ticker for all of its editors
    long period = Math.max(1, Math.round(1000 / rate));
    List<Context> loops = Contexts.eventLoops(vertx, loopCount);
    List<Keystrokes> tickers = new ArrayList<>();
    long cursorPeriod = cursors == null ? 0 : Math.max(1, Math.round(1000 / cursorRate));
    List<Keystrokes> cursorTickers = new ArrayList<>();
    for (Context ctx : loops) {
      Keystrokes k = new Keystrokes((int) period);
      Keystrokes m = cursors == null ? null : new Keystrokes((int) cursorPeriod);
      tickers.add(k);
      cursorTickers.add(m);
      timers.add(on(ctx, () -> Future.succeededFuture(vertx.setPeriodic(1, id -> {
        k.tick();
        if (m != null) {
          m.tick();
        }
      }))).await());
    }
    java.util.Random phases = new java.util.Random(docs * 31L + perDoc);
    for (int d = 0; d < docs; d++) {
      String docId = target.newDoc("typing " + d).await();
      // one line per editor, so that each types at its own place
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < perDoc; i++) {
        lines.append("line ").append(i).append('\n');
      }
      for (int i = 0; i < perDoc; i++) {
        int index = i;
        int socketIndex = d * perDoc + i;
        Context ctx = loops.get(socketIndex % loops.size());
        Keystrokes keystrokes = tickers.get(socketIndex % loops.size());
        int phase = phases.nextInt((int) period);
        on(ctx, () -> target.socket(socketIndex).compose(sock -> {
          synchronized (sockets) {
            sockets.add(sock);
          }
          String cid = clientId();
          BridgeEditor e = new BridgeEditor(vertx, sock, docId, cid);
          synchronized (editors) {
            editors.add(e);
          }
          int[] cursor = {-1};
          SubmitTimes times = new SubmitTimes();
          submitted.put(cid, times);
          e.onSubmit(req -> times.put(req.seq(), System.nanoTime()));
          e.onAck((seq, nanos) -> {
            if (measuring[0]) {
              synchronized (acked) {
                acked[0]++;
              }
            }
          });
          e.onRemote((event, change) -> {
            SubmitTimes from = submitted.get(event.clientId());
            long at = from == null ? -1 : from.get(event.seq());
            if (at >= 0 && measuring[0]) {
              remote.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
            }
            if (cursor[0] >= 0) {
              cursor[0] = change.transformPosition(cursor[0], false);
            }
          });
          if (cursors != null) {
            String presenceId = clientId();
            cursors.listen(sock, docId, presenceId);
            cursorTickers.get(socketIndex % loops.size()).add(phases.nextInt((int) cursorPeriod), () -> {
              if (cursor[0] >= 0) {
                cursors.move(sock, docId, presenceId, e.rev(), cursor[0]);
              }
            });
          }
          return e.open().compose(v -> {
            if (index == 0 && e.length() == 1) {
              e.edit(Delta.builder().insert(lines.toString()).build());
            }
            keystrokes.add(phase, () -> {
              if (cursor[0] < 0) {
                cursor[0] = lineEnd(e.text(), index);
                if (cursor[0] < 0) {
                  return; // the lines are not there yet
                }
              }
              e.edit(Delta.builder().retain(cursor[0]).insert("k").build());
              cursor[0]++;
            });
            return Future.<Void>succeededFuture();
          });
        })).await();
      }
    }
    Thread.sleep(warmupSeconds * 1000L);
    double committedBefore = target.metric(COMMITTED).await();
    remote.reset();
    if (cursors != null) {
      cursors.start();
    }
    measuring[0] = true;
    double cpuSum = 0;
    Histogram h = new Histogram(3);
    for (int s = 0; s < seconds; s++) {
      Thread.sleep(1000);
      cpuSum += target.metric("process_cpu_usage").await();
      Histogram second = remote.getIntervalHistogram();
      h.add(second);
      if (timeline) {
        System.out.printf(Locale.ROOT, "second %s %d: n=%d p50=%.1fms p99=%.1fms max=%.1fms%n", java.time.LocalTime.now(), s,
            second.getTotalCount(), ms(second, 50), ms(second, 99), second.getMaxValue() / 1000.0);
      }
    }
    measuring[0] = false;
    if (cursors != null) {
      cursors.stop();
    }
    double committed = target.metric(COMMITTED).await() - committedBefore;
    h.add(remote.getIntervalHistogram());
    synchronized (timers) {
      timers.forEach(vertx::cancelTimer);
    }
    int lost;
    int failed;
    long byCatchUp;
    Map<String, Long> why = new java.util.TreeMap<>();
    synchronized (sockets) {
      lost = (int) sockets.stream().filter(c -> c.closeFuture().isComplete()).count();
      sockets.stream().filter(c -> c.closeFuture().isComplete())
          .forEach(c -> why.merge(c.lastError() == null ? "closed without an err frame" : c.lastError().getMessage(), 1L, Long::sum));
      sockets.forEach(BridgeClient::close);
    }
    synchronized (editors) {
      failed = (int) editors.stream().filter(e -> e.failure() != null).count();
      byCatchUp = editors.stream().mapToLong(BridgeEditor::acksByCatchUp).sum();
      editors.stream().filter(e -> e.failure() != null).forEach(e -> why.merge("editor: " + e.failure().getMessage(), 1L, Long::sum));
      editors.forEach(BridgeEditor::close);
    }
    Thread.sleep(500);
    return new Result(h, acked[0], committed, cpuSum / seconds, lost, failed, why, byCatchUp);
  }

  /**
   * Every editor's keystroke once per period, from ONE 1-ms ticker per event loop that runs the
   * editors whose phase (ms within the period) came due, catching up on late ticks. A timer per
   * editor put thousands of tasks through Netty's scheduled-task heap (10% of the load generator).
   * Used on one context only.
   */
  public static final class Keystrokes {
    private final List<Runnable>[] slots;
    private final long startNanos = System.nanoTime();
    private long next;

    @SuppressWarnings("unchecked")
    public Keystrokes(int periodMs) {
      slots = new List[periodMs];
      for (int i = 0; i < periodMs; i++) {
        slots[i] = new ArrayList<>();
      }
      next = elapsedMs() + 1;
    }

    private long elapsedMs() {
      return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Runs {@code keystroke} at every ms whose remainder by the period is {@code phaseMs}. */
    public void add(int phaseMs, Runnable keystroke) {
      slots[Math.floorMod(phaseMs, slots.length)].add(keystroke);
    }

    public void tick() {
      long now = elapsedMs();
      for (; next <= now; next++) {
        List<Runnable> due = slots[(int) (next % slots.length)];
        for (int i = 0; i < due.size(); i++) {
          due.get(i).run();
        }
      }
    }
  }

  /**
   * When an editor submitted its recent ops (by seq), for the remote latency at the other editors: a
   * ring of the last 1,024 (an editor has one op in flight, so an op is long delivered before its slot
   * is reused), written on the submitter's event loop and read on the others'.
   */
  public static final class SubmitTimes {
    private static final int SIZE = 1024;
    private final java.util.concurrent.atomic.AtomicLongArray seqs = new java.util.concurrent.atomic.AtomicLongArray(SIZE);
    private final java.util.concurrent.atomic.AtomicLongArray nanos = new java.util.concurrent.atomic.AtomicLongArray(SIZE);

    public void put(long seq, long at) {
      int slot = (int) (seq & (SIZE - 1));
      nanos.set(slot, at);
      seqs.set(slot, seq); // published after the time: a reader that sees the seq sees its time
    }

    /** The submit time of {@code seq}, or -1 if it is not (or no longer) known. */
    public long get(long seq) {
      int slot = (int) (seq & (SIZE - 1));
      if (seqs.get(slot) != seq) {
        return -1;
      }
      long at = nanos.get(slot);
      return seqs.get(slot) == seq ? at : -1;
    }
  }

  /** The index just before the newline ending line {@code line} (by the text), or -1. */
  private static int lineEnd(String s, int line) {
    int at = -1;
    for (int i = 0; i <= line; i++) {
      at = s.indexOf('\n', at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  // ------------------------------------------------------------------ connections

  /** Opens idle sockets (each listening to one document) and reports the server heap per socket. */
  private void connections(Args a) throws Exception {
    int count = a.integer("sockets", 5000);
    String docId = target.newDoc("idle sockets").await();
    double before = target.metric("jvm_memory_used_bytes{area=\"heap\"").await();
    List<BridgeClient> sockets = new ArrayList<>();
    List<Context> loops = Contexts.eventLoops(vertx, loopCount);
    for (int i = 0; i < count; i++) {
      Context ctx = loops.get(i % loops.size());
      int idx = i;
      BridgeClient c = on(ctx, () -> target.socket(idx)).await();
      on(ctx, () -> {
        c.register("doc." + docId + ".events", m -> { });
        return Future.succeededFuture();
      }).await();
      sockets.add(c);
    }
    Thread.sleep(a.integer("settle", 10) * 1000L);
    double after = target.metric("jvm_memory_used_bytes{area=\"heap\"").await();
    double open = target.metric("verso_web_sockets_open").await();
    double perSocket = (after - before) / count;
    System.out.printf(Locale.ROOT, "connections: %d idle sockets open (server gauge %.0f), heap %.0f -> %.0f MiB,"
        + " %.1f KiB per socket, %.0f sockets per GiB of heap%n", count, open, before / (1 << 20), after / (1 << 20),
        perSocket / 1024, perSocket > 0 ? (1 << 30) / perSocket : Double.POSITIVE_INFINITY);
    sockets.forEach(BridgeClient::close);
  }

  // ------------------------------------------------------------------ helpers

  private static <T> Future<T> on(Context ctx, Supplier<Future<T>> task) {
    return Contexts.on(ctx, task);
  }

  private static String clientId() {
    return "bench-" + UUID.randomUUID().toString().replace("-", "");
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The text of a Quill document without its final newline (the traces' texts have none). */
  static String withoutFinalNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
