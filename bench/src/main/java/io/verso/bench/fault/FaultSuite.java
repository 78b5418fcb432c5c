package io.verso.bench.fault;

import io.verso.bench.cluster.LocalCluster;
import io.verso.bench.cluster.PrometheusText;
import io.verso.bench.cluster.VersoProcess;
import io.verso.bench.Contexts;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.client.ApiClient;
import io.verso.client.BridgeClient;
import io.verso.client.BridgeEditor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The fault-injection suite, one command (after {@code mvn -pl app,bench -am package -DskipTests}):
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.verso.bench.fault.FaultSuite [--clients 50] [--docs 5] [--seed N]
 * </pre>
 *
 * A 3-node cluster (separate JVMs from {@code app/target/verso.jar}) against one embedded PostgreSQL
 * and one embedded Redis; 50 clients type into 5 documents, spread over the nodes. Faults, one after
 * the other: {@code kill -9} of a node owning documents at a random moment (then restarted),
 * PostgreSQL stopped and restarted, Redis stopped and started. After each: 0 acknowledged ops lost,
 * 0 applied twice, every client converged with the server, and the time until every client's edits
 * were acknowledged again.
 */
public final class FaultSuite {
  private static final String PASSWORD = "fault suite password";

  private final Vertx vertx = Vertx.vertx();
  private final Random rnd;
  private LocalCluster cluster;
  private final List<Client> clients = new ArrayList<>();
  private final List<String> docs = new ArrayList<>();
  private final Path logs = Path.of("target", "fault-logs");
  private ApiClient api;
  private volatile boolean typing;
  /** Each typing phase has its own generation, so that ticks of a stopped phase never resume. */
  private volatile int generation;

  /** One typing client: its context, its editor, and its current socket. */
  private final class Client {
    final Context ctx = vertx.getOrCreateContext();
    final String docId;
    final int index;
    ApiClient user;
    BridgeEditor editor;
    BridgeClient socket;
    /** The first acknowledgement after {@code watchFrom} (0: none yet). */
    volatile long firstAckAfter;
    volatile long watchFrom = Long.MAX_VALUE;

    Client(String docId, int index) {
      this.docId = docId;
      this.index = index;
    }

    /** Something of this client's editor, read on its context (editors are not thread-safe). */
    <T> T read(java.util.function.Function<BridgeEditor, T> what) {
      return on(ctx, () -> Future.succeededFuture(what.apply(editor))).await();
    }

    volatile int node;

    Future<Void> connect(int node) {
      return on(ctx, () -> BridgeClient.webSocket(vertx, "127.0.0.1", cluster.httpPort(node), user.cookieHeader())
          .compose(sock -> {
            socket = sock;
            this.node = node;
            sock.closeFuture().onComplete(v -> reconnectLater());
            if (editor == null) {
              editor = new BridgeEditor(vertx, sock, docId, "fault-" + index + "-" + Long.toHexString(rnd.nextLong()));
              editor.onAck((seq, nanos) -> {
                long now = System.nanoTime();
                if (firstAckAfter == 0 && now > watchFrom) {
                  firstAckAfter = now;
                }
              });
              return editor.open().mapEmpty();
            }
            return editor.reconnect(sock);
          }));
    }

    void reconnectLater() {
      vertx.setTimer(200 + rnd.nextInt(300), t -> {
        int node = aliveNode(index + (int) (System.nanoTime() % 3));
        connect(node).onFailure(err -> reconnectLater());
      });
    }
  }

  private FaultSuite(long seed) {
    this.rnd = new Random(seed);
  }

  public static void main(String[] argv) throws Exception {
    long seed = Long.getLong("seed", System.nanoTime());
    int clientCount = Integer.getInteger("clients", 50);
    int docCount = Integer.getInteger("docs", 5);
    List<String> faults = List.of("kill", "pg", "none", "redis");
    for (int i = 0; i < argv.length - 1; i++) {
      switch (argv[i]) {
        case "--seed" -> seed = Long.parseLong(argv[++i]);
        case "--clients" -> clientCount = Integer.parseInt(argv[++i]);
        case "--docs" -> docCount = Integer.parseInt(argv[++i]);
        case "--faults" -> faults = List.of(argv[++i].split(","));
        default -> { }
      }
    }
    System.out.println("fault suite seed " + seed);
    FaultSuite s = new FaultSuite(seed);
    boolean ok;
    try {
      ok = s.run(clientCount, docCount, faults);
    } finally {
      s.shutdown();
    }
    System.exit(ok ? 0 : 1);
  }

  private boolean run(int clientCount, int docCount, List<String> faults) throws Exception {
    // every user signs up from 127.0.0.1, and the nodes count sign-ups per address together (Redis):
    // the default 10 an hour would stop the suite's users, nothing else of the defaults is raised
    java.nio.file.Path signupLimits = java.nio.file.Files.createTempFile("fault-suite", ".json");
    signupLimits.toFile().deleteOnExit();
    java.nio.file.Files.writeString(signupLimits, "{\"auth\":{\"signup\":{\"maxPerAddress\":100000,\"maxGlobal\":100000}}}");
    cluster = LocalCluster.start(3, VersoProcess.TEST_JVM, List.of("--config", signupLimits.toString()), logs);
    api = new ApiClient(vertx, "127.0.0.1", cluster.httpPort(0));
    api.register("fault-" + System.nanoTime(), PASSWORD).await();
    for (int d = 0; d < docCount; d++) {
      docs.add(api.createDoc("fault doc " + d).await());
    }
    // five clients (editor tabs) per user, each user an editor of every document: per-user rate
    // limits apply as they would to real people
    List<ApiClient> users = new ArrayList<>();
    for (int u = 0; u < (clientCount + 4) / 5; u++) {
      ApiClient user = new ApiClient(vertx, "127.0.0.1", cluster.httpPort(u % 3));
      String name = "fault-user-" + u + "-" + Long.toHexString(rnd.nextLong());
      user.register(name, PASSWORD).await();
      for (String docId : docs) {
        api.expect(200, HttpMethod.PUT, "/api/docs/" + docId + "/members/" + name,
            new JsonObject().put("role", "editor")).await();
      }
      users.add(user);
    }
    for (int i = 0; i < clientCount; i++) {
      Client c = new Client(docs.get(i % docCount), i);
      c.user = users.get(i / 5);
      clients.add(c);
      c.connect(i % 3).await();
    }
    startTyping();
    Thread.sleep(3000);
    printAcks("before any fault");

    List<String> report = new ArrayList<>();
    boolean ok = true;
    for (String which : faults) {
      ok &= switch (which) {
        case "kill" -> fault(report, "kill -9 of a node owning documents (then restarted)", () -> {
          int victim = ownerNode();
          Thread.sleep(rnd.nextInt(2000));
          cluster.node(victim).kill();
          long hit = markHit();
          cluster.restart(victim);
          return hit;
        });
        case "pg" -> fault(report, "PostgreSQL stopped for 5 s, restarted", () -> {
          cluster.pg.stop(); // returns once the server is down: any acknowledgement after it needed the restart
          long hit = markHit();
          Thread.sleep(5000);
          cluster.pg.restart();
          return hit;
        });
        case "none" -> fault(report, "none (control: 5 s of editing after the previous check)", () -> {
          long hit = markHit();
          Thread.sleep(5000);
          return hit;
        });
        case "redis" -> fault(report, "Redis stopped for 5 s, started", () -> {
          cluster.redis.stop();
          long hit = markHit();
          Thread.sleep(5000);
          cluster.redis.restart();
          return hit;
        });
        default -> throw new IllegalArgumentException("unknown fault " + which + " (kill, pg, redis, none)");
      };
    }
    typing = false;
    System.out.println();
    System.out.println("| fault | lost | duplicated | converged | editing resumed after |");
    System.out.println("|---|---:|---:|---|---:|");
    report.forEach(System.out::println);
    printAcks("after the faults");
    // an op acknowledged by a catch-up: its live event never reached that client's socket
    System.out.println();
    for (Client c : clients) {
      if (c.editor != null && c.read(BridgeEditor::acksByCatchUp) > 0) {
        System.out.printf("acked by catch-up: client %d doc %s node %d: %s%n", c.index, c.docId, c.node,
            c.read(BridgeEditor::diagnostics));
      }
    }
    return ok;
  }

  private void printAcks(String when) {
    long byCatchUp = 0;
    for (Client c : clients) {
      if (c.editor != null) {
        byCatchUp += c.read(BridgeEditor::acksByCatchUp);
      }
    }
    System.out.println(when + ": " + byCatchUp + " ops acknowledged by a catch-up instead of their event");
  }

  private interface Fault {
    /** Injects the fault and returns the {@code System.nanoTime()} at which it hit ({@link #markHit()}). */
    long inject() throws Exception;
  }

  /** The fault hits now: from here on, each client's first acknowledgement is recorded. */
  private long markHit() {
    long hit = System.nanoTime();
    for (Client c : clients) {
      c.firstAckAfter = 0;
      c.watchFrom = hit;
    }
    return hit;
  }

  private boolean fault(List<String> report, String name, Fault fault) throws Exception {
    System.out.println("fault: " + name);
    long hit = fault.inject();
    // editing resumed = every client had an op acknowledged after the fault hit
    long[] firstAck = new long[clients.size()];
    long deadline = System.nanoTime() + 90_000_000_000L;
    boolean all = false;
    long nextReport = System.nanoTime() + 300_000_000L;
    while (!all && System.nanoTime() < deadline) {
      if (System.nanoTime() > nextReport) {
        nextReport += 2_000_000_000L;
        long resumedCount = java.util.Arrays.stream(firstAck).filter(t -> t != 0).count();
        long open = clients.stream().filter(c -> c.socket != null && !c.socket.closeFuture().isComplete()).count();
        long failed = clients.stream().filter(c -> c.editor != null && c.editor.failure() != null).count();
        System.out.printf(Locale.ROOT, "  %.0f s after the fault: %d/%d clients acked again, %d sockets open, %d failed%s%n",
            (System.nanoTime() - hit) / 1e9, resumedCount, clients.size(), open, failed,
            failed > 0 ? " (" + clients.stream().filter(c -> c.editor != null && c.editor.failure() != null)
                .findFirst().map(c -> c.editor.failure().toString()).orElse("") + ")" : "");
        int shown = 0;
        for (int i = 0; i < clients.size() && shown < 3; i++) {
          Client c = clients.get(i);
          if (firstAck[i] == 0 && c.editor != null) {
            shown++;
            System.out.printf("    waiting: client %d doc %s node %d: %s%n", c.index, c.docId, c.node,
                c.read(BridgeEditor::diagnostics));
          }
        }
        for (int i = 0; i < clients.size(); i++) {
          Client c = clients.get(i);
          if (firstAck[i] == 0 && (System.nanoTime() - hit) > 30_000_000_000L) {
            System.out.printf("    not resumed: client %d doc %s node %d socket %s lastError %s synced %s rev %d%n", c.index,
                c.docId, c.node, c.socket.closeFuture().isComplete() ? "closed" : "open", c.socket.lastError(),
                c.read(BridgeEditor::synced),
                c.read(BridgeEditor::rev));
          }
        }
      }
      all = true;
      for (int i = 0; i < clients.size(); i++) {
        firstAck[i] = clients.get(i).firstAckAfter;
        all &= firstAck[i] != 0;
      }
      Thread.sleep(20);
    }
    double resumed = all ? (java.util.Arrays.stream(firstAck).max().orElse(hit) - hit) / 1e9 : -1;
    printAcks("  so far");
    for (int i = 0; i < clients.size(); i++) {
      if (firstAck[i] - hit > 1_000_000_000L) {
        Client c = clients.get(i);
        System.out.printf("  client %d (doc %s, node %d) acked again after %.1f s: %s%n", c.index, c.docId, c.node,
            (firstAck[i] - hit) / 1e9, c.read(BridgeEditor::diagnostics));
      }
    }
    typing = false;
    Thread.sleep(500);
    Check check = verify();
    startTyping();
    boolean ok = check.lost == 0 && check.duplicated == 0 && check.converged && resumed >= 0;
    report.add(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |", name, check.lost, check.duplicated,
        check.converged ? "yes" : "NO", resumed < 0 ? "not within 90 s"
            : String.format(Locale.ROOT, "%.1f s (every client acked again)", resumed)));
    return ok;
  }

  private record Check(long lost, long duplicated, boolean converged) {}

  /** Waits for every client to sync, then compares each with the op log and the server content. */
  private Check verify() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline
        && !clients.stream().allMatch(c -> c.read(BridgeEditor::synced))) {
      Thread.sleep(100);
    }
    long lost = 0;
    long duplicated = 0;
    boolean converged = true;
    for (String docId : docs) {
      JsonObject open = ask(docId, new JsonObject().put("action", "open"));
      JsonArray events = ask(docId, new JsonObject().put("action", "catchup").put("fromRev", 0)).getJsonArray("events");
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < events.size(); i++) {
        JsonObject ev = events.getJsonObject(i);
        if (!seen.add(ev.getString("clientId") + "#" + ev.getLong("seq")) || ev.getLong("rev") != i + 1) {
          duplicated++;
        }
      }
      Delta server = DeltaJson.fromJson(open.getJsonArray("content"));
      for (Client c : clients) {
        if (!c.docId.equals(docId)) {
          continue;
        }
        long sent = c.read(e -> e.state().lastSeq());
        String cid = c.editor.state().clientId();
        for (long seq = 1; seq <= sent; seq++) {
          if (!seen.contains(cid + "#" + seq)) {
            lost++;
          }
        }
        // every event up to the server's revision must reach the client (they travel separately)
        long serverRev = open.getLong("rev");
        long until = System.currentTimeMillis() + 15_000;
        long rev = c.read(BridgeEditor::rev);
        while (rev < serverRev && System.currentTimeMillis() < until) {
          Thread.sleep(50);
          rev = c.read(BridgeEditor::rev);
        }
        Delta local = c.read(BridgeEditor::document);
        if (rev != serverRev || !local.equals(server)) {
          System.out.printf("    client %d of %s: rev %d, server rev %d, content %s%n", c.index, docId, rev,
              serverRev, local.equals(server) ? "equal" : "DIFFERENT");
          converged = false;
        }
      }
    }
    return new Check(lost, duplicated, converged);
  }

  /** A request on a document through any of its clients whose socket is open (one may be reconnecting). */
  private JsonObject ask(String docId, JsonObject body) throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      for (Client c : clients) {
        if (c.docId.equals(docId) && c.socket != null && !c.socket.closeFuture().isComplete()) {
          try {
            return on(c.ctx, () -> c.socket.request("doc." + docId, body)).await();
          } catch (Exception e) {
            last = e;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no client of " + docId + " could ask the server", last);
  }

  private void startTyping() {
    int gen = ++generation;
    typing = true;
    for (Client c : clients) {
      on(c.ctx, () -> {
        tick(c, gen);
        return Future.succeededFuture();
      });
    }
  }

  private void tick(Client c, int gen) {
    if (!typing || gen != generation) {
      return;
    }
    if (c.editor != null) {
      Delta doc = c.editor.document();
      int at = doc.length() <= 1 ? 0 : rnd.nextInt(doc.length());
      c.editor.edit(rnd.nextInt(5) == 0 && doc.length() > 2 && at < doc.length() - 1
          ? Delta.builder().retain(at).delete(1).build()
          : Delta.builder().retain(at).insert(String.valueOf((char) ('a' + rnd.nextInt(26)))).build());
    }
    vertx.setTimer(250 + rnd.nextInt(250), t -> tick(c, gen));
  }

  private int ownerNode() throws Exception {
    List<Integer> owners = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      String text = api.on(vertx, cluster.opsPort(i)).expect(200, HttpMethod.GET, "/metrics", null).await().body();
      if (PrometheusText.sum(text, "verso_edit_documents_active") > 0) {
        owners.add(i);
      }
    }
    return owners.isEmpty() ? rnd.nextInt(3) : owners.get(rnd.nextInt(owners.size()));
  }

  private int aliveNode(int preferred) {
    for (int k = 0; k < 3; k++) {
      int i = Math.floorMod(preferred + k, 3);
      if (cluster.node(i).alive()) {
        return i;
      }
    }
    return Math.floorMod(preferred, 3);
  }

  private void shutdown() {
    vertx.close();
    if (cluster != null) {
      cluster.close();
    }
  }

  private static <T> Future<T> on(Context ctx, Supplier<Future<T>> task) {
    return Contexts.on(ctx, task);
  }

}
