package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.presence.EmbeddedRedis;
import io.verso.protocol.DeltaJson;
import io.verso.bench.Contexts;
import io.verso.bench.cluster.PrometheusText;
import io.verso.bench.cluster.VersoProcess;
import io.verso.client.ApiClient;
import io.verso.client.BridgeClient;
import io.verso.client.BridgeEditor;
import io.verso.runtime.testing.Clusters;
import io.verso.runtime.testing.TestCertificates;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, acceptance 2 and 3: three Verso processes (separate JVMs from the shaded jar) clustered
 * on 127.0.0.1 against one PostgreSQL and one Redis. Clients on different nodes edit one document
 * and converge; SIGTERM to the owning node loses nothing and the document moves; /metrics counters
 * rise; a service on the TCP bridge edits the document and a browser-protocol client sees it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClusterProcessIT {
  private static final String TOKEN = "it-service-token-0123456789-0123456789";
  private static final long SEED = Long.getLong("verso.it.seed", System.nanoTime());
  private static final List<VersoProcess> nodes = new ArrayList<>();
  private static final int[] tcpPorts = new int[3];
  private static final java.util.Map<Integer, ApiClient> scrapers = new java.util.HashMap<>();
  private static EmbeddedRedis redis;
  private static Vertx vertx;
  /** Every client and editor lives on this one context (they are not thread-safe). */
  private static io.vertx.core.Context ctx;

  @BeforeAll
  static void startCluster() throws Exception {
    String pgUri = TestPostgres.freshConfig().getString("pg.uri");
    redis = EmbeddedRedis.start();
    vertx = Vertx.vertx();
    ctx = vertx.getOrCreateContext();
    String cluster = "verso-it-" + System.nanoTime();
    int[] hz = {Clusters.freePort(), Clusters.freePort(), Clusters.freePort()};
    String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1] + ",127.0.0.1:" + hz[2];
    // one signing key for all nodes, as a mounted secret would give it
    Path key = Files.createTempFile("verso-it-signing-key", ".pem");
    Files.writeString(key, io.verso.auth.SigningKeys.generate().privateKeyPem());
    // secured as in production: each node its certificate from the cluster's authority, one secret
    Path certs = Files.createTempDirectory("verso-it-certs");
    TestCertificates ca = TestCertificates.authority(certs, "cluster-ca");
    Files.writeString(certs.resolve("secret"), "it-cluster-secret-" + System.nanoTime());
    for (int i = 0; i < 3; i++) {
      Path data = Files.createTempDirectory("verso-it-node" + i);
      TestCertificates.Node cert = ca.issue("node" + (i + 1));
      List<String> args = new ArrayList<>(List.of("--cluster", "--cluster-name", cluster,
          "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(hz[i]),
          "--cluster-bus-port", String.valueOf(Clusters.freePort()),
          "--cluster-cert", cert.cert().toString(), "--cluster-key", cert.key().toString(),
          "--cluster-ca", ca.cert().toString(), "--cluster-secret-file", certs.resolve("secret").toString(),
          "--cluster-members", members, "--pg-url", pgUri, "--redis-url", redis.uri(),
          "--data-dir", data.toString(), "--signing-key", key.toString()));
      tcpPorts[i] = Clusters.freePort();
      args.addAll(List.of("--tcp-bridge-port", String.valueOf(tcpPorts[i]), "--service-token", TOKEN,
          "--service-grants", "*=edit"));
      nodes.add(VersoProcess.start("node" + (i + 1), Clusters.freePort(), args));
    }
    for (VersoProcess n : nodes) {
      n.awaitRunning(150);
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (VersoProcess n : nodes) {
      n.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void clientsOnDifferentNodesConvergeAndSigtermOfTheOwnerLosesNothing() throws Exception {
    ApiClient owner = new ApiClient(vertx, "127.0.0.1", nodes.get(0).httpPort);
    owner.register("ada", "correct horse battery").await();
    String docId = owner.createDoc("cluster test").await();

    // one editor on node 1, one on node 2
    BridgeClient c1 = onContext(() -> BridgeClient.webSocket(vertx, "127.0.0.1", nodes.get(0).httpPort, owner.cookieHeader())).await();
    BridgeClient c2 = onContext(() -> BridgeClient.webSocket(vertx, "127.0.0.1", nodes.get(1).httpPort, owner.cookieHeader())).await();
    BridgeEditor e1 = new BridgeEditor(vertx, c1, docId, "it-client-one-000001");
    BridgeEditor e2 = new BridgeEditor(vertx, c2, docId, "it-client-two-000002");
    onContext(() -> Future.all(e1.open(), e2.open())).await();

    type(List.of(e1, e2), 40, SEED);
    awaitSynced(List.of(e1, e2), 30);
    long rev1 = assertConverged(docId, List.of(e1, e2), c1);

    // who owns the document now: the node whose edit-service has it active
    int ownerIndex = ownerIndex();
    VersoProcess ownerNode = nodes.get(ownerIndex);
    double committedBefore = sumMetric("verso_edit_ops_committed_total");
    assertEquals(rev1, (long) committedBefore, "verso_edit_ops_committed_total counts every committed op");

    // keep typing while the owner gets SIGTERM; a client on the dying node reconnects elsewhere
    List<BridgeEditor> editors = List.of(e1, e2);
    List<BridgeClient> clients = new ArrayList<>(List.of(c1, c2));
    int survivor = ownerIndex == 2 ? 0 : 2;
    for (int i = 0; i < 2; i++) {
      if (i == ownerIndex) {
        int idx = i;
        clients.get(i).closeFuture().onComplete(v -> reconnect(editors.get(idx), clients, idx,
            nodes.get(survivor).httpPort, owner.cookieHeader()));
      }
    }
    java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(300);
        exit.set(ownerNode.terminate(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopper.start();
    type(editors, 60, SEED + 1);
    stopper.join();
    assertEquals(143, exit.get(), "exit code after SIGTERM (JVM shutdown hooks ran)");
    String ownerLog = ownerNode.output();
    assertTrue(ownerLog.contains("Verso stopped"), "the owner shut down gracefully: " + ownerNode.name);
    awaitSynced(editors, 60);
    BridgeClient checker = clients.get(ownerIndex == 0 ? 1 : 0);
    assertConverged(docId, editors, checker);

    // the document moved to a surviving node, whose counters rose
    int newOwner = ownerIndex();
    assertTrue(newOwner != ownerIndex, "document moved away from the stopped node");
    assertTrue(metric(nodes.get(newOwner), "verso_edit_ops_committed_total") > 0, "the new owner's counter rose");

    // a service on the TCP bridge of a surviving node edits; the browser clients see it
    {
      int tcpPort = tcpPorts[survivor];
      BridgeClient service = onContext(() -> BridgeClient.tcp(vertx, "127.0.0.1", tcpPort, TOKEN)).await();
      BridgeEditor bot = new BridgeEditor(vertx, service, docId, "it-service-bot-0000001");
      onContext(bot::open).await();
      String before = plain(editors.get(0).document());
      onContext(() -> {
        bot.edit(Delta.builder().insert("[from a service] ").build());
        return Future.succeededFuture();
      }).await();
      awaitSynced(List.of(bot), 20);
      long deadline = System.currentTimeMillis() + 10_000;
      while (!plain(editors.get(0).document()).startsWith("[from a service] ")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals("[from a service] " + before, plain(editors.get(0).document()));
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Connects again (retrying until the node answers) and lets the editor resync and resend. */
  private static void reconnect(BridgeEditor editor, List<BridgeClient> clients, int idx, int port, String cookie) {
    BridgeClient.webSocket(vertx, "127.0.0.1", port, cookie)
        .onSuccess(nc -> {
          clients.set(idx, nc);
          editor.reconnect(nc);
        })
        .onFailure(err -> vertx.setTimer(200, t -> reconnect(editor, clients, idx, port, cookie)));
  }

  private static <T> Future<T> onContext(java.util.function.Supplier<Future<T>> task) {
    return Contexts.on(ctx, task);
  }

  private static void type(List<BridgeEditor> editors, int perEditor, long seed) throws Exception {
    List<Typist> typists = new ArrayList<>();
    for (int i = 0; i < editors.size(); i++) {
      typists.add(new Typist(seed * 31 + i));
    }
    for (int round = 0; round < perEditor; round++) {
      onContext(() -> {
        for (int i = 0; i < editors.size(); i++) {
          BridgeEditor e = editors.get(i);
          e.edit(typists.get(i).next(e.document()));
        }
        return Future.succeededFuture();
      }).await();
      Thread.sleep(15);
    }
  }

  private static void awaitSynced(List<BridgeEditor> editors, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      boolean all = onContext(() -> Future.succeededFuture(editors.stream().allMatch(BridgeEditor::synced))).await();
      if (all) {
        return;
      }
      for (BridgeEditor e : editors) {
        assertTrue(e.failure() == null, "editor failed (seed " + SEED + "): " + e.failure());
      }
      Thread.sleep(100);
    }
    String states = onContext(() -> Future.succeededFuture(
        editors.stream().map(BridgeEditor::diagnostics).toList().toString())).await();
    StringBuilder logs = new StringBuilder();
    for (VersoProcess node : nodes) {
      // the nodes' warnings and errors: where a lost request or event went
      List<String> lines = node.output().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
      logs.append("\n--- ").append(node.name).append(" (last warnings and errors) ---\n")
          .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
    throw new AssertionError("editors not synced within " + seconds + " s (seed " + SEED + "): " + states + logs);
  }

  /** Every editor equals the server's content; the op log has each (clientId, seq) once, revs 1..N. */
  private static long assertConverged(String docId, List<BridgeEditor> editors, BridgeClient via) throws Exception {
    JsonObject open = onContext(() -> via.request("doc." + docId, new JsonObject().put("action", "open"))).await();
    Delta server = DeltaJson.fromJson(open.getJsonArray("content"));
    long rev = open.getLong("rev");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline
        && !editors.stream().allMatch(e -> onContext(() -> Future.succeededFuture(e.rev())).await() >= rev)) {
      Thread.sleep(50);
    }
    for (BridgeEditor e : editors) {
      assertEquals(server, onContext(() -> Future.succeededFuture(e.document())).await(),
          "editor equals the server's document (seed " + SEED + ")");
    }
    JsonArray events = onContext(() -> via.request("doc." + docId, new JsonObject().put("action", "catchup")
        .put("fromRev", 0))).await().getJsonArray("events");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      JsonObject ev = events.getJsonObject(i);
      assertEquals(i + 1, ev.getLong("rev"), "revisions contiguous from 1");
      assertTrue(seen.add(ev.getString("clientId") + "#" + ev.getLong("seq")), "no op applied twice: " + ev);
    }
    assertEquals(rev, events.size(), "catch-up from 0 returns the whole log");
    for (BridgeEditor e : editors) {
      long sent = onContext(() -> Future.succeededFuture(e.state().lastSeq())).await();
      long logged = seen.stream().filter(k -> k.startsWith(e.state().clientId() + "#")).count();
      assertEquals(sent, logged, "every acknowledged op of " + e.state().clientId() + " is in the log once");
    }
    return rev;
  }

  private static String plain(Delta doc) {
    return new Document(doc).plainText();
  }

  private static int ownerIndex() throws Exception {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).alive() && metric(nodes.get(i), "verso_edit_documents_active") > 0) {
        return i;
      }
    }
    throw new AssertionError("no node has the document active");
  }

  private static double sumMetric(String name) throws Exception {
    double sum = 0;
    for (VersoProcess n : nodes) {
      if (n.alive()) {
        sum += metric(n, name);
      }
    }
    return sum;
  }

  private static double metric(VersoProcess node, String name) throws Exception {
    ApiClient scraper = scrapers.computeIfAbsent(node.opsPort, port -> new ApiClient(vertx, "127.0.0.1", port));
    return PrometheusText.sum(scraper.expect(200, HttpMethod.GET, "/metrics", null).await().body(), name);
  }
}
