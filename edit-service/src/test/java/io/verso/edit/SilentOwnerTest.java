package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node killed while it owns a document leaves its lease running (up to one lease) and its
 * consumers registered until the cluster notices. An activation elsewhere in that window is
 * forwarded to the dead owner: it must take over soon after the lease runs out, not after one long
 * forward timeout (10 s, which held every activation of the document on that node).
 */
class SilentOwnerTest {
  @RegisterExtension
  static final EditNode NODE = new EditNode(new JsonObject().put("edit", new JsonObject()
      .put("leaseMs", 6_000).put("storageTimeoutMs", 5_000)));

  @Test
  void anActivationForwardedToASilentOwnerTakesOverOnceItsLeaseRunsOut() throws Exception {
    Vertx vertx = NODE.vertx();
    String docId = Fixture.createDoc(vertx, "owner-silent").await(10, TimeUnit.SECONDS);
    // the dead owner: its node's consumer never answers, its lease has 1.5 s to run
    vertx.eventBus().consumer(Addresses.editNode("ghost-node"), msg -> { });
    Fixture.onLoop(vertx, () -> vertx.sharedData().<String, String>getAsyncMap("verso.edit.owners")
        .compose(owners -> owners.put(docId, "ghost-node"))
        .compose(v -> vertx.sharedData().<String, Long>getAsyncMap("verso.edit.nodes"))
        .compose(nodes -> nodes.put("ghost-node", System.currentTimeMillis(), 1_500)))
        .await(10, TimeUnit.SECONDS);

    long start = System.nanoTime();
    JsonObject answer = vertx.eventBus().request(Addresses.EDIT_ACTIVATE, new JsonObject().put("docId", docId),
            new DeliveryOptions().setSendTimeout(30_000))
        .map(m -> (JsonObject) m.body()).await(30, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(tookMs < 6_000, "taken over once the 1.5 s lease ran out, not after a 10 s forward: " + tookMs + " ms");
    assertEquals(0L, Fixture.send(vertx, docId, "owner", new JsonObject().put("action", "open"))
        .await(10, TimeUnit.SECONDS).getLong("rev"), "the document is served by this node now");
    assertTrue(!"ghost-node".equals(answer.getString("owner")), "the silent owner is no longer the owner");
  }
}
