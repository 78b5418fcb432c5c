package io.verso.presence;

import static io.verso.presence.PresenceTestSupport.assertPresence;
import static io.verso.presence.PresenceTestSupport.call;
import static io.verso.presence.PresenceTestSupport.eventually;
import static io.verso.presence.PresenceTestSupport.leave;
import static io.verso.presence.PresenceTestSupport.listed;
import static io.verso.presence.PresenceTestSupport.newClientId;
import static io.verso.presence.PresenceTestSupport.newDocId;
import static io.verso.presence.PresenceTestSupport.send;
import static io.verso.presence.PresenceTestSupport.stats;
import static io.verso.presence.PresenceTestSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.presence.PresenceTestSupport.Events;
import io.verso.presence.testing.TestRedis;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.testing.Clusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 1, 3 and 4 on two clustered Vert.x instances (Hazelcast on 127.0.0.1) with a real Redis:
 * clients are served by node A, observed from node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceClusterTest {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceClusterTest.class);
  private List<Vertx> nodes;
  private Vertx a;
  private Vertx b;

  @BeforeAll
  void startCluster() throws Exception {
    TestRedis.uri();
    nodes = Clusters.start(2).await(60, TimeUnit.SECONDS);
    a = nodes.get(0);
    b = nodes.get(1);
    PresenceTestSupport.deploy(a);
    PresenceTestSupport.deploy(b);
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (nodes != null) {
      Clusters.close(nodes).await(30, TimeUnit.SECONDS);
    }
  }

  /** Acceptance 1: join, move and leave on A reach B in order; B's list shows the client, then not. */
  @Test
  void joinMoveLeaveOnOneNodeAreSeenOnTheOtherInOrder() throws Exception {
    String doc = newDocId();
    String client = newClientId();
    Events events = Events.listen(b, a, doc);

    call(a, "alice", update(doc, client, 1, 0, 0));
    call(a, "alice", update(doc, client, 2, 3, 2));
    eventually(Duration.ofSeconds(5), "join and move on B", () -> events.of(client).size() == 2);
    assertPresence(events.of(client).get(0), client, "alice", 1, 0, 0);
    assertPresence(events.of(client).get(1), client, "alice", 2, 3, 2);
    eventually(Duration.ofSeconds(5), "B's list to show the moved client", () -> {
      JsonObject listedOnB = listed(b, doc, client);
      return listedOnB != null && listedOnB.getLong("rev") == 2;
    });
    assertPresence(listed(b, doc, client), client, "alice", 2, 3, 2);

    call(a, "alice", leave(doc, client));
    eventually(Duration.ofSeconds(5), "the leave on B", () -> events.of(client).size() == 3);
    assertThat(events.of(client).get(2)).isEqualTo(new JsonObject().put("type", "leave").put("clientId", client));
    // gone from Redis by the leave itself, well before the TTL (2 s) could have removed it
    eventually(Duration.ofMillis(1000), "B's list without the client", () -> listed(b, doc, client) == null);
    Thread.sleep(1200); // a renewal tick of A must not bring it back
    assertThat(listed(b, doc, client)).isNull();
    assertThat(events.of(client)).hasSize(3);
    events.close();
  }

  /** Acceptance 3: 1,000 updates per second from one client: about 10 per second published, last state wins. */
  @Test
  void floodOfOneClientIsThrottledAndEndsOnItsLastState() throws Exception {
    String doc = newDocId();
    String client = newClientId();
    Events events = Events.listen(b, a, doc);
    JsonObject before = stats(a);

    int total = 1500;
    List<Future<JsonObject>> replies = new ArrayList<>(total);
    long start = System.nanoTime();
    for (int i = 1; i <= total; i++) {
      replies.add(send(a, "alice", update(doc, client, i, i, i % 7)));
      LockSupport.parkNanos(start + i * 1_000_000L - System.nanoTime()); // 1,000 per second
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Future.all(replies).await(30, TimeUnit.SECONDS);

    eventually(Duration.ofSeconds(5), "the last state on B", () -> {
      List<JsonObject> seen = events.of(client);
      return !seen.isEmpty() && seen.get(seen.size() - 1).getLong("rev") == total;
    });
    Thread.sleep(500);
    List<JsonObject> seen = events.of(client);
    assertPresence(seen.get(seen.size() - 1), client, "alice", total, total, total % 7);
    List<Long> revs = seen.stream().map(e -> e.getLong("rev")).toList();
    assertThat(revs).as("never an older state after a newer one").isSorted().doesNotHaveDuplicates();
    assertThat(seen.size()).as("published in %.2f s", seconds)
        .isGreaterThanOrEqualTo(5)
        .isLessThanOrEqualTo((int) Math.ceil(seconds * 10) + 3);
    List<Long> times = events.received().stream()
        .filter(r -> client.equals(r.event().getString("clientId"))).map(r -> r.atNanos()).toList();
    int maxInWindow = 0;
    for (int i = 0; i < times.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L; j++) {
        inWindow++;
      }
      assertThat(inWindow).as("events received within one second from #%d (delivery jitter allowed)", i)
          .isLessThanOrEqualTo(14);
      maxInWindow = Math.max(maxInWindow, inWindow);
    }
    LOG.info("Flood: at most {} states received on B in any 1 s window", maxInWindow);
    JsonObject after = stats(a);
    long received = after.getLong("received") - before.getLong("received");
    long published = after.getLong("published") - before.getLong("published");
    long dropped = after.getLong("dropped") - before.getLong("dropped");
    LOG.info("Flood: {} updates sent in {} s ({} /s); {} published ({} /s), {} dropped by the throttle; "
        + "{} received on node B", total, String.format("%.2f", seconds), Math.round(total / seconds),
        published, String.format("%.1f", published / seconds), dropped, seen.size());
    assertThat(received).isEqualTo(total);
    assertThat(published).isEqualTo(seen.size());
    assertThat(published + dropped).as("every state is published or dropped").isEqualTo(total);
    call(a, "alice", leave(doc, client));
    events.close();
  }

  /** Acceptance 4: with Redis stopped, updates still publish and list still answers; presence comes back with Redis. */
  @Test
  void redisOutageDegradesAndRecovers() throws Exception {
    String doc = newDocId();
    String early = newClientId();
    String during = newClientId();
    Events events = Events.listen(b, a, doc);
    call(a, "alice", update(doc, early, 1, 1, 0));
    eventually(Duration.ofSeconds(5), "B's list from Redis", () -> listed(b, doc, early) != null);
    LogCapture log = LogCapture.errors();
    try {
      TestRedis.stop();
      call(a, "alice", update(doc, early, 2, 2, 0));
      call(a, "bob", update(doc, during, 2, 5, 1));
      eventually(Duration.ofSeconds(5), "updates published while Redis is down",
          () -> events.of(early).size() == 2 && events.of(during).size() == 1);
      assertPresence(events.of(early).get(1), early, "alice", 2, 2, 0);
      // A answers from what it knows: its own clients
      assertPresence(listed(a, doc, early), early, "alice", 2, 2, 0);
      assertPresence(listed(a, doc, during), during, "bob", 2, 5, 1);
      // B answers too (it knows no client of its own)
      assertThat(PresenceTestSupport.list(b, doc)).isNotNull();
      eventually(Duration.ofSeconds(5), "A to notice the outage", () -> !stats(a).getBoolean("redisUp"));
      assertThat(stats(a).getLong("redisErrors")).isPositive();
    } finally {
      TestRedis.start();
    }
    long restartedAt = System.nanoTime();
    // Redis came back empty: A re-writes its live clients, B lists them from Redis again
    eventually(Duration.ofSeconds(10), "B's list from the restarted Redis",
        () -> listed(b, doc, early) != null && listed(b, doc, during) != null);
    LOG.info("Redis restarted: B lists A's clients again after {} ms", (System.nanoTime() - restartedAt) / 1_000_000);
    assertPresence(listed(b, doc, early), early, "alice", 2, 2, 0);
    assertPresence(listed(b, doc, during), during, "bob", 2, 5, 1);
    assertThat(stats(a).getBoolean("redisUp")).isTrue();
    call(a, "alice", update(doc, early, 3, 3, 0));
    eventually(Duration.ofSeconds(5), "updates keep flowing", () -> events.of(early).size() == 3);
    log.close();
    assertThat(log.errorsSoFar()).as("errors logged during the outage").isEmpty();
    call(a, "alice", leave(doc, early));
    call(a, "bob", leave(doc, during));
    events.close();
  }

  /**
   * Acceptance 4, the worse outage: Redis stalls (paused, answering nothing) instead of refusing. No
   * request waits longer than the Redis timeout (1 s here), A answers from what it knows, and after
   * the stall the stored state is the latest one (a client that left during the stall stays gone).
   */
  @Test
  void stalledRedisNeverStallsPresenceAndKeepsWritesInOrder() throws Exception {
    String doc = newDocId();
    String early = newClientId();
    String during = newClientId();
    Events events = Events.listen(b, a, doc);
    call(a, "alice", update(doc, early, 1, 1, 0));
    eventually(Duration.ofSeconds(5), "B's list from Redis", () -> listed(b, doc, early) != null);

    LogCapture log = LogCapture.errors();
    long pauseMs = 4_000;
    Redis admin = Redis.createClient(a, TestRedis.uri());
    admin.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(pauseMs).arg("ALL")).await(5, TimeUnit.SECONDS);
    long pausedAt = System.nanoTime();
    long slowest = 0;
    long t = System.nanoTime();
    call(a, "alice", update(doc, early, 2, 2, 0));
    slowest = Math.max(slowest, System.nanoTime() - t);
    t = System.nanoTime();
    call(a, "bob", update(doc, during, 2, 5, 1)); // new client: its owner check in Redis times out
    slowest = Math.max(slowest, System.nanoTime() - t);
    t = System.nanoTime();
    assertPresence(listed(a, doc, early), early, "alice", 2, 2, 0);
    assertPresence(listed(a, doc, during), during, "bob", 2, 5, 1);
    assertThat(PresenceTestSupport.list(b, doc)).isNotNull();
    slowest = Math.max(slowest, System.nanoTime() - t);
    call(a, "bob", leave(doc, during));
    call(a, "alice", update(doc, early, 3, 3, 0));
    long stallMs = (System.nanoTime() - pausedAt) / 1_000_000;
    LOG.info("Redis stalled for {} ms: slowest presence answer {} ms", pauseMs, slowest / 1_000_000);
    assertThat(stallMs).as("the checks ran while Redis was stalled").isLessThan(pauseMs);
    assertThat(slowest / 1_000_000).as("slowest answer (ms) during the stall").isLessThan(2_500);
    eventually(Duration.ofSeconds(5), "every state and the leave published during the stall",
        () -> events.of(early).size() == 3 && events.of(during).size() == 2);

    // after the stall: the latest state is stored, the departed client is not resurrected
    eventually(Duration.ofSeconds(10), "B's list with the latest state",
        () -> {
          JsonObject e = listed(b, doc, early);
          return e != null && e.getLong("rev") == 3;
        });
    assertThat(listed(b, doc, during)).isNull();
    Thread.sleep(1_000); // renewal ticks after the recovery do not bring it back either
    assertThat(listed(b, doc, during)).isNull();
    assertThat(stats(a).getBoolean("redisUp")).isTrue();
    log.close();
    assertThat(log.errorsSoFar()).as("errors logged during the stall").isEmpty();
    admin.close();
    call(a, "alice", leave(doc, early));
    events.close();
  }

  /**
   * A node without presence-service (here: B sending cluster-wide) says hello once, then sends every
   * message of its client to the instance that answered: that one instance serves the client.
   */
  @Test
  void helloPinsAClientToOneInstanceAcrossTheCluster() throws Exception {
    JsonObject helloA = call(a, null, new JsonObject().put("action", "hello"));
    assertThat(helloA.getString("address")).isEqualTo(Addresses.presenceNode(helloA.getString("nodeId")));
    DeliveryOptions clusterWide = new DeliveryOptions().setSendTimeout(5_000)
        .addHeader(Addresses.HEADER_USER_ID, "carol").addHeader(Addresses.HEADER_USER_NAME, "Name of carol");
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < 10; i++) { // a cluster-wide send reaches one of the two instances
      answered.add(b.eventBus().<JsonObject>request(Addresses.PRESENCE_SERVICE,
          new JsonObject().put("action", "hello"), clusterWide).await(5, TimeUnit.SECONDS).body().getString("address"));
    }
    assertThat(answered).contains(helloA.getString("address"));

    String doc = newDocId();
    String client = newClientId();
    Events events = Events.listen(b, a, doc);
    long receivedOnA = stats(a).getLong("received");
    long receivedOnB = stats(b).getLong("received");
    for (int rev = 1; rev <= 5; rev++) {
      b.eventBus().request(helloA.getString("address"), update(doc, client, rev, rev, 0), clusterWide)
          .await(5, TimeUnit.SECONDS);
    }
    assertThat(stats(a).getLong("received") - receivedOnA).isEqualTo(5);
    assertThat(stats(b).getLong("received") - receivedOnB).isZero();
    eventually(Duration.ofSeconds(5), "the last state on B", () -> {
      List<JsonObject> seen = events.of(client);
      return !seen.isEmpty() && seen.get(seen.size() - 1).getLong("rev") == 5;
    });
    assertPresence(listed(a, doc, client), client, "carol", 5, 5, 0);
    b.eventBus().request(helloA.getString("address"), leave(doc, client), clusterWide).await(5, TimeUnit.SECONDS);
    eventually(Duration.ofSeconds(2), "gone from B's list", () -> listed(b, doc, client) == null);
    events.close();
  }

  /**
   * A client whose web node says hello again lands on the other instance: that one takes the client
   * over, the old one forgets it (no leave, no renewal of its older state), and both list the new state.
   */
  @Test
  void aClientMovingToAnotherInstanceIsTakenOverWithoutALeave() throws Exception {
    String doc = newDocId();
    String client = newClientId();
    Events events = Events.listen(b, a, doc);
    call(a, "dave", update(doc, client, 1, 1, 0));
    eventually(Duration.ofSeconds(5), "the entry in Redis", () -> listed(b, doc, client) != null);
    int clientsOnA = stats(a).getInteger("clients");

    call(b, "dave", update(doc, client, 2, 9, 0)); // now served by B
    eventually(Duration.ofSeconds(5), "A forgets the client", () -> stats(a).getInteger("clients") == clientsOnA - 1);
    Thread.sleep(1_200); // renewal ticks of both nodes
    assertPresence(listed(a, doc, client), client, "dave", 2, 9, 0);
    assertPresence(listed(b, doc, client), client, "dave", 2, 9, 0);
    assertThat(events.of(client)).noneMatch(e -> "leave".equals(e.getString("type")));
    // another user cannot take it over on either node
    assertThat(PresenceTestSupport.failureCode(a, "mallory", update(doc, client, 3, 0, 0)))
        .isEqualTo(ErrorCode.FORBIDDEN.code());
    call(b, "dave", leave(doc, client));
    eventually(Duration.ofSeconds(2), "gone everywhere",
        () -> listed(a, doc, client) == null && listed(b, doc, client) == null);
    events.close();
  }
}
