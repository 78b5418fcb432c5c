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

import io.verso.presence.testing.TestRedis;
import io.verso.protocol.testing.Clusters;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acceptance 2: the clients of a node that dies without a goodbye vanish from {@code list} within the TTL. */
class PresenceNodeFailureTest {
  private List<Vertx> nodes;

  @AfterEach
  void stopCluster() throws Exception {
    if (nodes != null) {
      Clusters.close(nodes.subList(1, nodes.size())).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientsOfAKilledNodeVanishWithinTheTtl() throws Exception {
    TestRedis.uri();
    nodes = Clusters.start(2).await(60, TimeUnit.SECONDS);
    Vertx doomed = nodes.get(0);
    Vertx survivor = nodes.get(1);
    PresenceTestSupport.deploy(doomed);
    PresenceTestSupport.deploy(survivor);

    String doc = newDocId();
    String onDoomed = newClientId();
    String onSurvivor = newClientId();
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
    assertThat(vanishedAfterMs).as("vanished after %d ms", vanishedAfterMs)
        .isLessThanOrEqualTo(TTL_SECONDS * 1000L + 1500);
    // the survivor's own client stays, renewed past several TTLs
    Thread.sleep(TTL_SECONDS * 1000L + 500);
    assertThat(listed(survivor, doc, onSurvivor)).isNotNull();
    call(survivor, "bob", leave(doc, onSurvivor));
  }
}
