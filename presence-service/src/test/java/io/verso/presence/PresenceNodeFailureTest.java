package io.verso.presence;

import static io.verso.presence.PresenceTestSupport.TTL_SECONDS;
import static io.verso.presence.PresenceTestSupport.call;
import static io.verso.presence.PresenceTestSupport.eventually;
import static io.verso.presence.PresenceTestSupport.leave;
import static io.verso.presence.PresenceTestSupport.listed;
import static io.verso.presence.PresenceTestSupport.newClientId;
import static io.verso.presence.PresenceTestSupport.newDocId;
import static io.verso.presence.PresenceTestSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.presence.PresenceTestSupport.Events;
import io.verso.presence.testing.TestRedis;
import io.verso.runtime.testing.Clusters;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 2: the clients of a node that dies without a goodbye vanish from {@code list} within the
 * TTL, and the other nodes announce their leave. Two paths: the cluster notices the death (the
 * survivors reap the dead node's entries at once), and the backstop when nobody notices (the Redis
 * TTL runs out; a survivor's sweep announces the leave).
 */
class PresenceNodeFailureTest {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceNodeFailureTest.class);
  /** Polling and scheduling slack on a loaded 2-core machine, on top of the TTL. */
  private static final long MARGIN_MS = 1_500;

  private List<Vertx> nodes;
  private Vertx plain;

  @AfterEach
  void stopNodes() throws Exception {
    if (nodes != null) {
      Clusters.close(nodes.subList(1, nodes.size())).await(30, TimeUnit.SECONDS);
    }
    if (plain != null) {
      plain.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientsOfAKilledClusterNodeVanishWithinTheTtl() throws Exception {
    TestRedis.uri();
    nodes = Clusters.start(2).await(60, TimeUnit.SECONDS);
    Vertx doomed = nodes.get(0);
    Vertx survivor = nodes.get(1);
    PresenceTestSupport.deploy(doomed);
    PresenceTestSupport.deploy(survivor);

    String doc = newDocId();
    String onDoomed = newClientId();
    String onSurvivor = newClientId();
    Events events = Events.listen(survivor, doomed, doc);
    call(doomed, "alice", update(doc, onDoomed, 4, 1, 0));
    call(survivor, "bob", update(doc, onSurvivor, 4, 2, 0));
    eventually(Duration.ofSeconds(5), "both clients listed on the survivor",
        () -> listed(survivor, doc, onDoomed) != null && listed(survivor, doc, onSurvivor) != null);
    Thread.sleep(TTL_SECONDS * 1000L + 500); // both outlive one TTL: renewals work on both nodes
    assertThat(listed(survivor, doc, onDoomed)).isNotNull();

    long killedAt = System.nanoTime();
    Clusters.kill(doomed).await(30, TimeUnit.SECONDS);
    eventually(Duration.ofSeconds(TTL_SECONDS + 5), "the killed node's client to vanish",
        () -> listed(survivor, doc, onDoomed) == null);
    long vanishedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
    LOG.info("Killed cluster node: its client vanished from list after {} ms (TTL {} s)", vanishedAfterMs,
        TTL_SECONDS);
    assertThat(vanishedAfterMs).as("vanished after %d ms", vanishedAfterMs)
        .isLessThanOrEqualTo(TTL_SECONDS * 1000L + MARGIN_MS);
    eventually(Duration.ofSeconds(TTL_SECONDS + 5), "the leave of the dead node's client",
        () -> events.of(onDoomed).stream().anyMatch(e -> "leave".equals(e.getString("type"))));
    assertThat(events.of(onDoomed).get(events.of(onDoomed).size() - 1))
        .isEqualTo(new JsonObject().put("type", "leave").put("clientId", onDoomed));
    // the survivor's own client stays, renewed past several TTLs
    Thread.sleep(TTL_SECONDS * 1000L + 500);
    assertThat(listed(survivor, doc, onSurvivor)).isNotNull();
    assertThat(events.of(onSurvivor)).noneMatch(e -> "leave".equals(e.getString("type")));
    call(survivor, "bob", leave(doc, onSurvivor));
    events.close();
  }

  /**
   * The backstop: a presence node outside the cluster (nobody can notice its death) stops without a
   * goodbye; its entry stays until the TTL runs out, then vanishes, and the survivor announces the leave.
   */
  @Test
  void withoutClusterNewsTheTtlRemovesTheClientsOfADeadNode() throws Exception {
    TestRedis.uri();
    nodes = Clusters.start(1).await(60, TimeUnit.SECONDS);
    Vertx survivor = nodes.get(0);
    plain = Vertx.vertx();
    PresenceTestSupport.deploy(plain);
    PresenceTestSupport.deploy(survivor);

    String doc = newDocId();
    String onDead = newClientId();
    String onSurvivor = newClientId();
    Events events = Events.listen(survivor, survivor, doc);
    call(survivor, "bob", update(doc, onSurvivor, 4, 2, 0));
    call(plain, "alice", update(doc, onDead, 4, 1, 0));
    eventually(Duration.ofSeconds(5), "the client of the doomed node listed on the survivor",
        () -> listed(survivor, doc, onDead) != null);
    Thread.sleep(TTL_SECONDS * 1000L + 500); // renewed past one TTL
    assertThat(listed(survivor, doc, onDead)).isNotNull();

    long diedAt = System.nanoTime();
    plain.close().await(10, TimeUnit.SECONDS); // undeploying removes nothing: as a crash, for Redis
    plain = null;
    assertThat(listed(survivor, doc, onDead)).as("kept until its TTL runs out").isNotNull();
    eventually(Duration.ofSeconds(TTL_SECONDS + 5), "the dead node's client to vanish",
        () -> listed(survivor, doc, onDead) == null);
    long vanishedAfterMs = (System.nanoTime() - diedAt) / 1_000_000;
    LOG.info("Unnoticed dead node: its client vanished from list after {} ms (TTL {} s)", vanishedAfterMs,
        TTL_SECONDS);
    assertThat(vanishedAfterMs).as("vanished after %d ms", vanishedAfterMs)
        .isLessThanOrEqualTo(TTL_SECONDS * 1000L + MARGIN_MS);
    // the survivor serves a client on that document, so its sweep announces the expiry (once)
    eventually(Duration.ofSeconds(5), "the leave announced by the survivor's sweep",
        () -> events.of(onDead).stream().anyMatch(e -> "leave".equals(e.getString("type"))));
    Thread.sleep(1_000);
    assertThat(events.of(onDead).stream().filter(e -> "leave".equals(e.getString("type")))).hasSize(1);
    assertThat(listed(survivor, doc, onSurvivor)).isNotNull();
    call(survivor, "bob", leave(doc, onSurvivor));
    events.close();
  }
}
