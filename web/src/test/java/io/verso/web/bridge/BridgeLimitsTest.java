package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.api.CookieClient;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bridge's limits and lifecycle with tight settings: 3 s idle timeout, 5 frames/s. (Sockets end with
 * their access token: {@code SocketRightsTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeLimitsTest {
  private FullStack stack;
  private int port;
  private CookieClient alice;
  private String docId;

  @BeforeAll
  void start() {
    stack = new FullStack(new JsonObject().put("bridge", new JsonObject()
        .put("idleTimeoutMs", 3000).put("framesPerSecond", 5.0).put("frameBurst", 10).put("touchIntervalMs", 300)),
        new JsonObject(),
        new JsonObject().put("edit", new JsonObject().put("idleUnloadMs", 1500)));
    port = stack.port();
    alice = new CookieClient(port);
    assertThat(alice.post("/api/auth/register", "{\"username\":\"alice\",\"password\":\"long enough pw\",\"displayName\":\"Alice\"}")
        .statusCode()).isEqualTo(201);
    docId = new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private BridgeSocket socket() {
    return new BridgeSocket(port, "verso_at=" + alice.cookie("verso_at"), alice.origin());
  }

  private static void ping(BridgeSocket s) {
    s.send(new JsonObject().put("type", "ping"));
  }

  @Test
  void documentsWatchedBySocketsStayLoadedOthersUnload() throws Exception {
    assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    String quiet = new JsonObject(alice.post("/api/docs", "{\"title\":\"quiet\"}").body()).getString("id");
    try (BridgeSocket watcher = socket()) {
      watcher.register(Addresses.docEvents(docId));
      assertThat(watcher.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      assertThat(watcher.request(Addresses.doc(quiet), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      for (int i = 0; i < 8; i++) { // 4 s > the 1.5 s idle unload of edit-service
        Thread.sleep(500);
        ping(watcher);
      }
      JsonObject status = (JsonObject) stack.vertx.eventBus().request(Addresses.EDIT_STATUS, new JsonObject()).await().body();
      String loaded = status.getJsonArray("docs").encode();
      assertThat(loaded).contains(docId).doesNotContain(quiet);
    }
  }

  @Test
  void aFloodIsRateLimited() {
    alice.post("/api/auth/refresh", null);
    try (BridgeSocket s = socket()) {
      for (int i = 0; i < 30; i++) {
        s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "f" + i)
            .put("body", new JsonObject().put("action", "catchup").put("fromRev", 0)));
      }
      JsonObject limited = s.next(f -> "err".equals(f.getString("type")) && f.getInteger("failureCode") == 429);
      // refused unread: a socket-level failure, the request it carried is not answered
      assertThat(limited.containsKey("address")).isFalse();
    }
  }

  @Test
  void aSilentSocketIsClosedAfterTheIdleTimeout() throws Exception {
    alice.post("/api/auth/refresh", null);
    long idleBefore = stack.onWebContext(() -> stack.web.bridge().sessions().closed(BridgeSession.CloseReason.IDLE));
    try (BridgeSocket s = socket()) {
      assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(stack.onWebContext(() -> stack.web.bridge().sessions().closed(BridgeSession.CloseReason.IDLE)))
        .isGreaterThan(idleBefore);
  }

  @Test
  void closingASocketTellsPresenceItsClientsLeft() throws Exception {
    alice.post("/api/auth/refresh", null);
    try (BridgeSocket watcher = socket()) {
      watcher.register(Addresses.presenceEvents(docId));
      watcher.request(Addresses.doc(docId), new JsonObject().put("action", "open")); // registration settled
      BridgeSocket typist = socket();
      JsonObject update = typist.request(Addresses.presence(docId), new JsonObject().put("clientId", "typist-client-00001")
          .put("rev", 0).put("selection", new JsonObject().put("index", 0).put("length", 0)).put("name", "Mallory"));
      assertThat(update.getString("type")).as(update.encode()).isEqualTo("rec");
      JsonObject seen = watcher.next(f -> f.getJsonObject("body") != null
          && "presence".equals(f.getJsonObject("body").getString("type")));
      assertThat(seen.getJsonObject("body").getString("name")).isEqualTo("Alice");
      typist.close();
      JsonObject left = watcher.next(f -> f.getJsonObject("body") != null
          && "leave".equals(f.getJsonObject("body").getString("type")));
      assertThat(left.getJsonObject("body").getString("clientId")).isEqualTo("typist-client-00001");
      ping(watcher);
    }
  }
}
