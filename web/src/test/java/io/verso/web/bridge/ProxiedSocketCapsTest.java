package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy the raw WebSocket endpoint counts sockets per client address like every
 * other socket: the client the proxy speaks for, not the proxy (which would lock everybody out at once).
 */
class ProxiedSocketCapsTest extends WithBridgeStack {
  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject().put("http.trustedProxies", "127.0.0.1")
        .put("bridge", new JsonObject().put("maxSocketsPerAddress", 2)));
  }

  private BridgeSocket from(String client) {
    return new BridgeSocket(port, accessCookie(alice), alice.origin(), false, client);
  }

  @Test
  void socketsCountForTheClientBehindTheProxy() throws Exception {
    String docId = new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
    List<BridgeSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        BridgeSocket s = from("203.0.113.7");
        sockets.add(s);
        assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      }
      BridgeSocket third = from("203.0.113.7");
      sockets.add(third);
      JsonObject err = third.next(f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).as(err.encode()).isEqualTo(429);
      assertThat(third.closed.get(10, TimeUnit.SECONDS)).isNotNull();
      BridgeSocket other = from("198.51.100.9");
      sockets.add(other);
      assertThat(other.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
    } finally {
      sockets.forEach(BridgeSocket::close);
    }
  }
}
