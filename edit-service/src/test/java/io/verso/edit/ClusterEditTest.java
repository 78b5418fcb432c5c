package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.runtime.testing.Clusters;
import io.verso.runtime.testing.RandomEdits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

/** The sequencer across clustered Vert.x instances on 127.0.0.1 (Hazelcast), with real storage. */
class ClusterEditTest {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEditTest.class);
  private static final JsonObject EDIT = new JsonObject().put("edit", new JsonObject()
      .put("leaseMs", 3_000).put("opsPerSecond", 1_000.0).put("opsBurst", 1_000));

  @Test
  void clientsOnTwoNodesSeeEachOthersOpsInOrderAndOneNodeOwnsTheDocument() throws Exception {
    List<Vertx> nodes = Clusters.start(2).await(60, TimeUnit.SECONDS);
    try {
      Fixture.deployStorage(nodes.get(0)).await(60, TimeUnit.SECONDS);
      for (Vertx node : nodes) {
        Fixture.deployEdit(node, EDIT).await(30, TimeUnit.SECONDS);
      }
      String docId = Fixture.createDoc(nodes.get(0), "owner-c1").await(10, TimeUnit.SECONDS);
      List<JsonObject> announcements = new java.util.concurrent.CopyOnWriteArrayList<>();
      nodes.get(0).eventBus().<JsonObject>consumer(Addresses.EDIT_OWNERSHIP, m -> announcements.add(m.body()))
          .completion().await(10, TimeUnit.SECONDS);
      TestClient a = new TestClient(nodes.get(0), docId, "alice", "editor");
      TestClient b = new TestClient(nodes.get(1), docId, "bob", "owner");
      Map<Vertx, List<TestClient>> byNode = Map.of(nodes.get(0), List.of(a), nodes.get(1), List.of(b));
      openAll(byNode);
      long seed = System.nanoTime();
      typeConcurrently(byNode, 60, 5, new Random(seed), null);
      settle(byNode);
      assertConverged(nodes.get(0), docId, List.of(a, b), "seed=" + seed);
      assertEquals(0, a.gaps + b.gaps, "events arrive in order on both nodes");
      assertEquals(1, owners(nodes, docId), "exactly one node owns the document");
      assertEquals(1, announcements.stream().filter(o -> docId.equals(o.getString("docId"))
          && "active".equals(o.getString("state"))).count(), "activated once, announced to the cluster");
    } finally {
      Clusters.close(nodes).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void killingTheOwnerLosesNothingAndAnotherNodeTakesOver() throws Exception {
    List<Vertx> nodes = Clusters.start(3).await(90, TimeUnit.SECONDS);
    Vertx storageNode = nodes.get(0);
    Vertx victim = nodes.get(1);
    Vertx survivor = nodes.get(2);
    try {
      String docId = Fixture.docHostedBy(storageNode, victim, survivor, EDIT, "owner-c2");
      assertEquals(1, owners(List.of(victim), docId));

      List<TestClient> onStorage = new ArrayList<>();
      List<TestClient> onSurvivor = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        onStorage.add(new TestClient(storageNode, docId, "s-user-" + i, "editor"));
        onSurvivor.add(new TestClient(survivor, docId, "v-user-" + i, "editor"));
      }
      Map<Vertx, List<TestClient>> byNode = Map.of(storageNode, onStorage, survivor, onSurvivor);
      openAll(byNode);
      long seed = System.nanoTime();
      AtomicBoolean killed = new AtomicBoolean();
      AtomicLong killedAt = new AtomicLong();
      // Watches the survivor from a plain thread while the clients keep typing through the outage.
      CompletableFuture<Long> takeover = CompletableFuture.supplyAsync(() -> {
        try {
          while (!killed.get()) {
            Thread.sleep(10);
          }
          // Acceptance bound (generous): ~5 s for the cluster to notice the dead member, then <= 10 s to take over.
          long deadline = killedAt.get() + TimeUnit.SECONDS.toNanos(15);
          while (owners(List.of(survivor), docId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          return owners(List.of(survivor), docId) == 1
              ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt.get()) : -1L;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // 8 s of typing (every client every 40 ms), the owner killed after 1 s: clients submit before,
      // during and after the failover.
      typeConcurrently(byNode, 200, 40, new Random(seed), made -> {
        if (made == 25 && killed.compareAndSet(false, true)) {
          killedAt.set(System.nanoTime());
          Clusters.kill(victim);
        }
      });
      assertTrue(killed.get());
      long takeoverMs = takeover.get(30, TimeUnit.SECONDS);
      assertTrue(takeoverMs >= 0, "the survivor took over within 15 s of the kill");
      settle(byNode);
      List<TestClient> all = new ArrayList<>(onStorage);
      all.addAll(onSurvivor);
      LOG.info("owner killed: survivor active after {} ms; {} submits, {} resends, {} gaps, seed {}", takeoverMs,
          all.stream().mapToLong(c -> c.state().lastSeq()).sum(), all.stream().mapToInt(c -> c.resends).sum(),
          all.stream().mapToInt(c -> c.gaps).sum(), seed);
      assertTrue(all.stream().mapToInt(c -> c.resends).sum() > 0, "in-flight ops were resent");
      assertConverged(storageNode, docId, all, "seed=" + seed);
      assertEquals(1, owners(List.of(survivor), docId), "the survivor owns the document now");
    } finally {
      Clusters.close(nodes).await(30, TimeUnit.SECONDS);
    }
  }

  private static void openAll(Map<Vertx, List<TestClient>> byNode) throws Exception {
    for (Map.Entry<Vertx, List<TestClient>> e : byNode.entrySet()) {
      Fixture.onLoop(e.getKey(), () -> Future.all(e.getValue().stream().map(TestClient::open).toList()).mapEmpty())
          .await(30, TimeUnit.SECONDS);
    }
  }

  /** Every client makes {@code opsEach} random edits, a few milliseconds apart, all at once. */
  private static void typeConcurrently(Map<Vertx, List<TestClient>> byNode, int opsEach, long periodMs,
      Random seedSource,
      java.util.function.IntConsumer onProgress) throws Exception {
    List<Future<Void>> done = new ArrayList<>();
    for (Map.Entry<Vertx, List<TestClient>> e : byNode.entrySet()) {
      Random rnd = new Random(seedSource.nextLong());
      Vertx vertx = e.getKey();
      done.add(Fixture.onLoop(vertx, () -> {
        Promise<Void> finished = Promise.promise();
        int[] made = new int[1];
        vertx.setPeriodic(periodMs, id -> {
          for (TestClient c : e.getValue()) {
            c.edit(RandomEdits.next(rnd, c.state().document()));
          }
          made[0]++;
          if (onProgress != null) {
            onProgress.accept(made[0]);
          }
          if (made[0] >= opsEach) {
            vertx.cancelTimer(id);
            finished.complete();
          }
        });
        return finished.future();
      }));
    }
    Future.all(done).await(120, TimeUnit.SECONDS);
  }

  private static void settle(Map<Vertx, List<TestClient>> byNode) throws Exception {
    for (Map.Entry<Vertx, List<TestClient>> e : byNode.entrySet()) {
      Fixture.awaitIdle(e.getKey(), e.getValue(), 60_000);
    }
    // A final catchup everywhere: clients on different nodes may have settled at different revisions.
    for (Map.Entry<Vertx, List<TestClient>> e : byNode.entrySet()) {
      Fixture.onLoop(e.getKey(), () -> Future.all(e.getValue().stream().map(TestClient::catchup).toList()).mapEmpty())
          .await(30, TimeUnit.SECONDS);
    }
  }

  private static void assertConverged(Vertx vertx, String docId, List<TestClient> clients, String context)
      throws Exception {
    JsonObject server = Fixture.send(vertx, docId, "viewer", new JsonObject().put("action", "open"))
        .await(20, TimeUnit.SECONDS);
    Delta serverDoc = DeltaJson.fromJson(server.getJsonArray("content"));
    long head = server.getLong("rev");
    List<OpEvent> log = Fixture.opLog(vertx, docId, head).await(30, TimeUnit.SECONDS);
    assertEquals(head, log.size(), context);
    Set<String> seen = new HashSet<>();
    Delta replay = Delta.builder().insert("\n").build();
    for (int i = 0; i < log.size(); i++) {
      assertEquals(i + 1, log.get(i).rev(), context + ": revisions contiguous");
      assertTrue(seen.add(log.get(i).clientId() + "/" + log.get(i).seq()), context + ": op applied twice");
      replay = replay.compose(DeltaJson.fromJson(log.get(i).ops()));
    }
    assertEquals(serverDoc, replay, context + ": memory equals the durable log");
    for (TestClient c : clients) {
      assertTrue(c.fatalErrors.isEmpty(), context + " " + c.fatalErrors);
      assertEquals(head, c.state().rev(), context);
      assertEquals(serverDoc, c.state().document(), context + ": client " + c.clientId + " converged");
      for (long s : c.acknowledgedSeqs) {
        assertTrue(seen.contains(c.clientId + "/" + s), context + ": acknowledged op lost");
      }
      assertEquals(c.state().lastSeq(), c.acknowledgedSeqs.size(), context + ": every submitted op acknowledged");
    }
    assertEquals(clients.stream().mapToLong(c -> c.state().lastSeq()).sum(), head,
        context + ": the log holds exactly the submitted ops");
  }

  /** How many of these nodes host a live sequencer of the document. */
  private static int owners(List<Vertx> nodes, String docId) throws Exception {
    int n = 0;
    for (Vertx node : nodes) {
      JsonObject status = node.eventBus().<JsonObject>request(Addresses.EDIT_STATUS, new JsonObject(),
              new DeliveryOptions().setLocalOnly(true).setSendTimeout(5_000))
          .map(m -> m.body()).await(10, TimeUnit.SECONDS);
      for (Object o : status.getJsonArray("docs")) {
        JsonObject d = (JsonObject) o;
        if (d.getString("docId").equals(docId) && !"CLOSED".equals(d.getString("state"))) {
          n++;
        }
      }
    }
    return n;
  }

}
