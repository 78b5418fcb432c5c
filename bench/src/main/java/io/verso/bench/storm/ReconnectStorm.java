package io.verso.bench.storm;

import io.verso.bench.BenchMain;
import io.verso.bench.Contexts;
import io.verso.bench.cluster.LocalCluster;
import io.verso.bench.cluster.PrometheusText;
import io.verso.bench.load.LoadGen;
import io.verso.client.ApiClient;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The reconnect storm (issue 28), one command (after {@code mvn -B -q -pl app,bench -am package -DskipTests}):
 *
 * <pre>
 *   java -Xmx1g -cp bench/target/benchmarks.jar io.verso.bench.storm.ReconnectStorm [--docs=600] [--people=5] [--rate=0.5]
 * </pre>
 *
 * A 3-node {@link LocalCluster} (one embedded PostgreSQL and Redis); {@code docs × people} browser tabs
 * ({@link StormClient}: the app's frames and reconnect policy) spread over the nodes, every tab typing
 * {@code rate} keystrokes per second at its own line. After a steady phase the node whose sequencers
 * hold the most documents is killed with SIGKILL, so its third of the sockets reconnect to the two
 * others (least connections, as the compose file's HAProxy) while its documents fail over. Printed:
 * how long each affected tab took to reconnect, catch up and have an op acknowledged again; the
 * unaffected tabs' remote latency before, during and after the storm; each process's CPU from
 * {@code /proc}; sockets refused or failed and why; and the op log checked against every acknowledged
 * op.
 */
public final class ReconnectStorm implements StormClient.Fleet {
  private static final String PASSWORD = "reconnect storm password";

  private final Map<String, String> opt;
  private final int docs;
  private final int people;
  private final double rate;
  private final Random random;
  private Vertx vertx;
  private LocalCluster cluster;
  private final List<StormClient> clients = new ArrayList<>();
  private final Map<String, StormClient> byClientId = new ConcurrentHashMap<>();
  private final Deliveries deliveries = new Deliveries();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private AtomicIntegerArray socketsOn;
  private volatile boolean[] alive;
  private volatile boolean measuring;
  private volatile long killedAt;
  /** Per document: when the first op submitted after the kill reached one of its tabs (0: not yet). */
  private AtomicLongArray resumedAt;

  private ReconnectStorm(Map<String, String> opt) {
    this.opt = opt;
    this.docs = integer("docs", 600);
    this.people = integer("people", 5);
    this.rate = Double.parseDouble(opt.getOrDefault("rate", "0.5"));
    this.random = new Random(Long.parseLong(opt.getOrDefault("seed", "28")));
  }

  private int integer(String name, int dflt) {
    return Integer.parseInt(opt.getOrDefault(name, String.valueOf(dflt)));
  }

  public static void main(String[] argv) throws Exception {
    BenchMain.quietLogging();
    ReconnectStorm storm = new ReconnectStorm(BenchMain.options(argv));
    boolean ok;
    try {
      ok = storm.run();
    } finally {
      storm.shutdown();
    }
    System.exit(ok ? 0 : 1);
  }

  // ------------------------------------------------------------------ the fleet (load balancer, counters)

  /** HAProxy's {@code balance leastconn} over the nodes it still sees up (a killed node refuses at once). */
  @Override
  public int pickNode() {
    int best = -1;
    for (int i = 0; i < socketsOn.length(); i++) {
      if (alive[i] && (best < 0 || socketsOn.get(i) < socketsOn.get(best))) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public int httpPort(int node) {
    return cluster.httpPort(node);
  }

  @Override
  public void opened(int node) {
    socketsOn.incrementAndGet(node);
  }

  @Override
  public void closed(int node) {
    socketsOn.decrementAndGet(node);
  }

  @Override
  public void refused(String why) {
    refusals.computeIfAbsent(why, k -> new LongAdder()).increment();
  }

  @Override
  public void delivered(StormClient receiver, OpEvent event) {
    StormClient sender = byClientId.get(event.clientId());
    long submitted = sender == null ? -1 : sender.submitTimes.get(event.seq());
    if (submitted < 0) {
      return;
    }
    long now = System.nanoTime();
    if (measuring) {
      deliveries.add(now, receiver.docIndex, sender.firstNode, receiver.firstNode, (now - submitted) / 1000);
    }
    long kill = killedAt;
    if (kill != 0 && submitted > kill) {
      resumedAt.compareAndSet(receiver.docIndex, 0, now);
    }
  }

  // ------------------------------------------------------------------ the run

  private boolean run() throws Exception {
    int nodes = integer("nodes", 3);
    int users = integer("users", 100);
    int steady = integer("steady", 20);
    String heap = opt.getOrDefault("heap", "768m");
    // every tab comes from 127.0.0.1 here (from as many addresses as people in reality): the cap per
    // address is lifted, and sign-ups are; the per-user cap (32) and the frame and op rates stay
    Path config = Files.createTempFile("reconnect-storm", ".json");
    config.toFile().deleteOnExit();
    Files.writeString(config, "{\"auth\":{\"signup\":{\"maxPerAddress\":100000,\"maxGlobal\":100000}},"
        + "\"bridge\":{\"maxSocketsPerAddress\":100000}}");
    System.out.printf(Locale.ROOT, "reconnect storm: %d nodes (-Xmx%s), %d documents x %d people = %d tabs, %d users,"
        + " %.2f keystrokes/s per tab (%.0f ops/s offered), steady %d s%n", nodes, heap, docs, people, docs * people,
        users, rate, rate * docs * people, steady);
    cluster = LocalCluster.start(nodes, List.of("-Xmx" + heap, "-XX:MaxGCPauseMillis=20",
        "-XX:G1RSetUpdatingPauseTimePercent=100"), List.of("--config", config.toString()), Path.of("target", "storm-logs"));
    socketsOn = new AtomicIntegerArray(nodes);
    alive = new boolean[nodes];
    java.util.Arrays.fill(alive, true);
    resumedAt = new AtomicLongArray(docs);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(integer("loops", 1)).setPreferNativeTransport(true));
    ProcCpu cpu = cpuGroups(nodes);

    List<ApiClient> accounts = signUp(users, nodes);
    List<String> names = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      names.add("storm-" + u);
    }
    List<String> docIds = createDocuments(accounts, names);
    List<Context> loops = Contexts.eventLoops(vertx, integer("loops", 1));
    long started = System.nanoTime();
    for (int d = 0; d < docs; d++) {
      for (int p = 0; p < people; p++) {
        int i = d * people + p;
        ApiClient user = accounts.get(i % users);
        StormClient c = new StormClient(vertx, loops.get(i % loops.size()), i, d, docIds.get(d), p, people,
            user.cookieHeader(), this, random.nextLong());
        clients.add(c);
        byClientId.put(c.clientId, c);
      }
    }
    for (int from = 0; from < clients.size(); from += 60) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(clients.size(), from + 60); i++) {
        batch.add(clients.get(i).start(i % nodes));
      }
      try {
        Future.join(batch).await();
      } catch (RuntimeException e) {
        // each failure is looked at below
      }
      for (Future<Void> f : batch) {
        if (f.failed()) {
          throw new IllegalStateException("a tab could not open its document", f.cause());
        }
      }
      if ((from / 60) % 10 == 9) {
        System.out.printf(Locale.ROOT, "  %d tabs open after %.0f s%n", from + 60, (System.nanoTime() - started) / 1e9);
      }
    }
    System.out.printf(Locale.ROOT, "%d tabs connected in %.1f s: sockets per node %s%n", clients.size(),
        (System.nanoTime() - started) / 1e9, socketsOn);
    long period = Math.max(1, Math.round(1000 / rate));
    for (Context ctx : loops) {
      LoadGen.Keystrokes k = new LoadGen.Keystrokes((int) period);
      for (StormClient c : clients) {
        if (c.ctx == ctx) {
          k.add(random.nextInt((int) period), c::keystroke);
        }
      }
      Contexts.on(ctx, () -> Future.succeededFuture(vertx.setPeriodic(1, id -> k.tick()))).await();
    }
    Thread.sleep(integer("warmup", 10) * 1000L);
    System.out.println("load average before the steady phase (the machine is shared): " + loadAverage());

    // steady phase, then the kill
    CpuSeries series = new CpuSeries(cpu);
    series.start();
    measuring = true;
    long steadyFrom = System.nanoTime();
    Thread.sleep(steady * 1000L);
    int victim = victim(nodes);
    List<StormClient> hit = clients.stream().filter(c -> c.node == victim).toList();
    System.out.printf(Locale.ROOT, "kill -9 of node%d: %d of %d sockets on it%n", victim + 1, hit.size(), clients.size());
    long kill = System.nanoTime();
    hit.forEach(c -> c.hit(kill));
    killedAt = kill;
    alive[victim] = false;
    cluster.node(victim).kill();
    System.out.println("load average at the kill: " + loadAverage());
    long stormEnd = awaitRecovery(hit, kill);
    long afterFrom = System.nanoTime();
    Thread.sleep(integer("after", 10) * 1000L);
    long afterTo = System.nanoTime();
    measuring = false;
    series.stop();

    // the measurements first (the check below may take long on a struggling cluster), then stop
    // typing, let everything settle and check the op log
    report(hit, kill, steadyFrom, stormEnd, afterFrom, afterTo, victim, series);
    clients.forEach(c -> c.stopped = true);
    Verification check = new Verification(clients, docIds).run();
    System.out.println(check.summary());
    return check.ok() && hit.stream().allMatch(c -> c.ackedAt != 0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** CPU groups: each node's JVM, PostgreSQL (its postmaster and backends), Redis, and this generator. */
  private ProcCpu cpuGroups(int nodes) throws Exception {
    ProcCpu cpu = new ProcCpu();
    for (int i = 0; i < nodes; i++) {
      long pid = cluster.node(i).pid();
      cpu.group("node" + (i + 1), p -> p == pid);
    }
    long postmaster = Long.parseLong(Files.readAllLines(cluster.pg.home().resolve("data").resolve("postmaster.pid")).get(0).trim());
    cpu.group("postgres", p -> p == postmaster);
    String redisPort = String.valueOf(cluster.redis.port());
    cpu.group("redis", p -> {
      String cmd = ProcCpu.cmdline(p);
      return cmd.contains("redis") && cmd.contains(redisPort) && !cmd.contains("java");
    });
    cpu.process("generator", ProcessHandle.current().pid());
    return cpu;
  }

  private List<ApiClient> signUp(int users, int nodes) {
    List<ApiClient> accounts = new ArrayList<>();
    for (int from = 0; from < users; from += 6) {
      List<Future<ApiClient.Answer>> batch = new ArrayList<>();
      for (int u = from; u < Math.min(users, from + 6); u++) {
        ApiClient a = new ApiClient(vertx, "127.0.0.1", cluster.httpPort(u % nodes));
        accounts.add(a);
        String name = "storm-" + u;
        // a cold cluster on a busy machine may answer 503 for a while: again, and a sign-up that did
        // land before its answer was lost is signed in instead
        batch.add(retrying(5, () -> a.register(name, PASSWORD).recover(err -> String.valueOf(err.getMessage()).contains("409")
            ? a.login(name, PASSWORD) : Future.failedFuture(err))));
      }
      Future.all(batch).await();
    }
    return accounts;
  }

  /** {@code call}, made again a second after a failure, at most {@code attempts} times. */
  private <T> Future<T> retrying(int attempts, java.util.function.Supplier<Future<T>> call) {
    return call.get().recover(err -> {
      if (attempts <= 1) {
        return Future.failedFuture(err);
      }
      io.vertx.core.Promise<T> again = io.vertx.core.Promise.promise();
      vertx.setTimer(1000, t -> retrying(attempts - 1, call).onComplete(again));
      return again.future();
    });
  }

  /** Document d: created by person 0's account, shared as editor with the other people's. */
  private List<String> createDocuments(List<ApiClient> accounts, List<String> names) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < docs; from += 20) {
      List<Future<String>> batch = new ArrayList<>();
      for (int d = from; d < Math.min(docs, from + 20); d++) {
        int first = d * people;
        ApiClient owner = accounts.get(first % accounts.size());
        int title = d;
        batch.add(retrying(5, () -> owner.createDoc("storm " + title)).compose(id -> {
          List<Future<?>> shares = new ArrayList<>();
          for (int p = 1; p < people; p++) {
            String member = names.get((first + p) % names.size());
            shares.add(retrying(5, () -> owner.expect(200, HttpMethod.PUT, "/api/docs/" + id + "/members/" + member,
                new JsonObject().put("role", "editor"))));
          }
          return Future.all(shares).map(id);
        }));
      }
      ids.addAll(Future.all(batch).await().list());
    }
    return ids;
  }

  /**
   * {@code --kill=N} (1-based), else the node whose sequencers hold the most documents (the worst one
   * to lose; ties and unanswered scrapes: the last).
   */
  private int victim(int nodes) {
    if (opt.containsKey("kill")) {
      return integer("kill", nodes) - 1;
    }
    int best = nodes - 1;
    double most = -1;
    for (int i = 0; i < nodes; i++) {
      double active = PrometheusText.sum(metrics(i), "verso_edit_documents_active");
      System.out.printf(Locale.ROOT, "node%d: %d sockets, %.0f documents active%n", i + 1, socketsOn.get(i), active);
      if (active >= most) {
        most = active;
        best = i;
      }
    }
    return best;
  }

  /** Node {@code i}'s /metrics, or "" when it does not answer within 10 s (a busy machine). */
  private String metrics(int i) {
    try {
      return new ApiClient(vertx, "127.0.0.1", cluster.opsPort(i)).expect(200, HttpMethod.GET, "/metrics", null)
          .timeout(10, java.util.concurrent.TimeUnit.SECONDS).await().body();
    } catch (Exception e) { // await() rethrows the timeout, a checked exception
      System.out.println("node" + (i + 1) + " /metrics unanswered: " + e.getMessage());
      return "";
    }
  }

  /**
   * Until every affected tab had an op acknowledged again and every document committed an op
   * submitted after the kill (at most {@code --recovery} s, default 120); prints progress each second.
   * Returns when that was (nanoTime).
   */
  private long awaitRecovery(List<StormClient> hit, long kill) throws InterruptedException {
    long deadline = kill + integer("recovery", 120) * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long reopened = hit.stream().filter(c -> c.reopenedAt != 0).count();
      long caughtUp = hit.stream().filter(c -> c.caughtUpAt != 0).count();
      long acked = hit.stream().filter(c -> c.ackedAt != 0).count();
      int resumed = 0;
      for (int d = 0; d < docs; d++) {
        resumed += resumedAt.get(d) != 0 ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "  +%.0f s: affected tabs reconnected %d, caught up %d, acked %d of %d;"
          + " documents with a post-kill op delivered %d of %d; sockets per node %s%n", (System.nanoTime() - kill) / 1e9,
          reopened, caughtUp, acked, hit.size(), resumed, docs, socketsOn);
      if (acked == hit.size() && resumed == docs) {
        long end = kill;
        for (StormClient c : hit) {
          end = Math.max(end, c.ackedAt);
        }
        for (int d = 0; d < docs; d++) {
          end = Math.max(end, resumedAt.get(d));
        }
        return end;
      }
    }
    System.out.println("  recovery not complete within the limit");
    return System.nanoTime();
  }

  private void report(List<StormClient> hit, long kill, long steadyFrom, long stormEnd, long afterFrom, long afterTo,
      int victim, CpuSeries series) {
    System.out.println();
    System.out.println("Affected tabs (their node killed): time from the kill until");
    System.out.println("| step | p50 | p99 | max | tabs |");
    System.out.println("|---|---:|---:|---:|---:|");
    row("socket open again", hit, c -> c.reopenedAt, kill);
    row("caught up (catch-up answered, in-flight op resent)", hit, c -> c.caughtUpAt, kill);
    row("an op acknowledged again", hit, c -> c.ackedAt, kill);
    Histogram attempts = new Histogram(3);
    hit.forEach(c -> attempts.recordValue(Math.max(1, c.reconnectAttempts)));
    System.out.printf(Locale.ROOT, "reconnect attempts per affected tab: p50 %d, p99 %d, max %d%n",
        attempts.getValueAtPercentile(50), attempts.getValueAtPercentile(99), attempts.getMaxValue());

    // documents whose sequencer was on the killed node: nothing of theirs commits until failover
    long threshold = 2_000_000_000L;
    boolean[] failedOver = new boolean[docs];
    int failed = 0;
    Histogram resume = new Histogram(3);
    for (int d = 0; d < docs; d++) {
      long r = resumedAt.get(d);
      failedOver[d] = r == 0 || r - kill > threshold;
      failed += failedOver[d] ? 1 : 0;
      if (r != 0) {
        resume.recordValue(Math.max(1, (r - kill) / 1000));
      }
    }
    System.out.printf(Locale.ROOT, "%nDocuments: first op submitted after the kill delivered after p50 %.2f s, p99 %.2f s,"
        + " max %.2f s; %d of %d documents took over %.0f s (their sequencer was on the killed node: failover)%n",
        resume.getValueAtPercentile(50) / 1e6, resume.getValueAtPercentile(99) / 1e6, resume.getMaxValue() / 1e6, failed,
        docs, threshold / 1e9);

    System.out.printf(Locale.ROOT, "%nRemote latency of the unaffected tabs (sender and receiver both on surviving nodes);"
        + " storm = kill .. +%.1f s (every affected tab acked again, every document committing)%n", (stormEnd - kill) / 1e9);
    System.out.println("| documents | window | deliveries | p50 | p99 | max |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    java.util.function.IntPredicate all = d -> true;
    java.util.function.IntPredicate kept = d -> !failedOver[d];
    java.util.function.IntPredicate moved = d -> failedOver[d];
    for (Object[] g : new Object[][] {{"all", all}, {"sequencer survived", kept}, {"failed over", moved}}) {
      java.util.function.IntPredicate docsOf = (java.util.function.IntPredicate) g[1];
      latency((String) g[0], "before (steady)", deliveries.histogram(steadyFrom, kill, victim, docsOf));
      latency((String) g[0], "storm", deliveries.histogram(kill, Math.max(stormEnd, kill + 1), victim, docsOf));
      latency((String) g[0], "after", deliveries.histogram(afterFrom, afterTo, victim, docsOf));
    }
    System.out.println();
    System.out.println("Per second around the kill (unaffected tabs, all documents):");
    for (long t = kill - 5_000_000_000L; t < Math.min(afterTo, stormEnd + 5_000_000_000L); t += 1_000_000_000L) {
      Histogram h = deliveries.histogram(t, t + 1_000_000_000L, victim, all);
      System.out.printf(Locale.ROOT, "  %+3.0f s: n=%d p50=%.1fms p99=%.1fms max=%.1fms%n", (t - kill) / 1e9,
          h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    System.out.println();
    System.out.println("CPU per process group (cores; 2 on this machine): mean before the kill, peak second during the storm");
    System.out.println("| process | before (mean) | storm (peak 1 s) | after (mean) |");
    System.out.println("|---|---:|---:|---:|");
    for (String name : series.names()) {
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, series.mean(name, steadyFrom, kill),
          series.peak(name, kill, Math.max(stormEnd, kill + 2_000_000_000L) + 1_000_000_000L), series.mean(name, afterFrom, afterTo));
    }

    System.out.println();
    System.out.println("Sockets refused or failed, and why (client side):");
    if (refusals.isEmpty()) {
      System.out.println("  none");
    }
    new TreeMap<>(refusals).forEach((why, n) -> System.out.printf("  %d x %s%n", n.sum(), why));
    long editorsFailed = clients.stream().filter(c -> c.editor.failure() != null).count();
    System.out.printf(Locale.ROOT, "editors failed: %d%n", editorsFailed);
    for (int i = 0; i < cluster.size(); i++) {
      if (i == victim) {
        continue;
      }
      String text = metrics(i);
      int node = i + 1;
      text.lines().filter(l -> l.startsWith("verso_web_sockets_closed_total") && !l.endsWith(" 0.0"))
          .forEach(l -> System.out.println("  node" + node + " " + l));
    }
    System.out.println();
  }

  private static void row(String step, List<StormClient> hit, java.util.function.ToLongFunction<StormClient> at, long kill) {
    Histogram h = new Histogram(3);
    long missing = 0;
    for (StormClient c : hit) {
      long t = at.applyAsLong(c);
      if (t == 0) {
        missing++;
      } else {
        h.recordValue(Math.max(1, (t - kill) / 1000));
      }
    }
    System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f s | %d%s |%n", step, h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount(), missing == 0 ? "" : " (" + missing + " never)");
  }

  private static void latency(String docs, String window, Histogram h) {
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", docs, window, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
  }

  private void shutdown() {
    if (vertx != null) {
      vertx.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
