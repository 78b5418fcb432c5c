package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.AuthVerticle;
import io.verso.auth.DocumentsVerticle;
import io.verso.auth.SigningKeys;
import io.verso.auth.testing.AuthTestConfig;
import io.verso.edit.EditVerticle;
import io.verso.protocol.Addresses;
import io.verso.runtime.testing.Clusters;
import io.verso.storage.StorageVerticle;
import io.verso.storage.testing.TestPostgres;
import io.verso.web.WebVerticle;
import io.verso.web.api.CookieClient;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registration cost of the bridge in a real Hazelcast cluster: node A runs storage, auth and
 * edit; node B runs the web tier with N browser sockets on one document. Counts the entries of the
 * cluster's subscription map for the document's event address, and compares with one consumer per
 * socket (what vertx-web's built-in bridge does).
 */
class ClusteredFanOutTest {
  private static final int SOCKETS = 30;

  private static int clusterRegistrations(Vertx node, String address) {
    return Clusters.manager(node).getHazelcastInstance().getMultiMap("__vertx.subs").valueCount(address);
  }

  @Test
  void nSocketsOnANodeCostOneClusterRegistration() throws Exception {
    List<Vertx> nodes = Clusters.start(2).await();
    try {
      Vertx a = nodes.get(0);
      Vertx b = nodes.get(1);
      a.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(TestPostgres.freshConfig())).await();
      a.deployVerticle(new AuthVerticle(), new DeploymentOptions().setConfig(
          AuthTestConfig.config(SigningKeys.generate(), 60_000))).await();
      a.deployVerticle(new DocumentsVerticle()).await();
      a.deployVerticle(new EditVerticle(), new DeploymentOptions().setConfig(new JsonObject())).await();
      WebVerticle web = new WebVerticle();
      b.deployVerticle(web, new DeploymentOptions().setConfig(new JsonObject()
          .put("http.port", 0).put("http.secureCookies", false))).await();

      CookieClient alice = new CookieClient(web.port());
      assertThat(alice.post("/api/auth/register", "{\"username\":\"alice\",\"password\":\"long enough pw\",\"displayName\":\"A\"}")
          .statusCode()).isEqualTo(201);
      String docId = new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
      String events = Addresses.docEvents(docId);

      List<BridgeSocket> sockets = new ArrayList<>();
      try {
        long t0 = System.nanoTime();
        for (int i = 0; i < SOCKETS; i++) {
          BridgeSocket s = new BridgeSocket(web.port(), "verso_at=" + alice.cookie("verso_at"), alice.origin());
          s.register(events);
          s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
          sockets.add(s);
        }
        long bridgeMs = (System.nanoTime() - t0) / 1_000_000;
        int ours = clusterRegistrations(a, events);

        // Baseline: one clustered consumer per socket, as vertx-web's bridge registers them.
        String baselineAddress = events + ".baseline";
        long t1 = System.nanoTime();
        List<MessageConsumer<Object>> perSocket = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
          MessageConsumer<Object> c = b.eventBus().consumer(baselineAddress, m -> { });
          c.completion().await();
          perSocket.add(c);
        }
        long baselineMs = (System.nanoTime() - t1) / 1_000_000;
        int baseline = clusterRegistrations(a, baselineAddress);

        // One publish on node A reaches every socket on node B.
        JsonObject submit = sockets.get(0).request(Addresses.doc(docId), new JsonObject().put("action", "submit")
            .put("clientId", "cluster-client-00001").put("seq", 1).put("baseRev", 0)
            .put("ops", new JsonArray().add(new JsonObject().put("insert", "x"))));
        assertThat(submit.getString("type")).as(submit.encode()).isEqualTo("rec");
        for (BridgeSocket s : sockets) {
          assertThat(s.next(f -> events.equals(f.getString("address"))).getJsonObject("body").getLong("rev")).isEqualTo(1);
        }
        System.out.printf("clustered fan-out: %d sockets on one document -> %d cluster registration(s) with the Verso "
                + "bridge (%d ms for the sockets incl. handshake, role check and open); one consumer per socket -> %d "
                + "registrations (%d ms for the registrations alone)%n", SOCKETS, ours, bridgeMs, baseline, baselineMs);
        assertThat(ours).isEqualTo(1);
        assertThat(baseline).isEqualTo(SOCKETS);
        Future.all(perSocket.stream().map(MessageConsumer::unregister).toList()).await();
      } finally {
        sockets.forEach(BridgeSocket::close);
      }
    } finally {
      Clusters.close(nodes).await();
    }
  }
}
