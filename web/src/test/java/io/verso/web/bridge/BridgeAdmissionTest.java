package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.api.CookieClient;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sockets and connections one user or one address may hold: at most 3 sockets per user and 5 per
 * client address (tight settings of {@code bridge.maxSocketsPerUser} / {@code maxSocketsPerAddress}).
 */
class BridgeAdmissionTest extends WithBridgeStack {
  private String docId;

  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject()
        .put("bridge", new JsonObject().put("maxSocketsPerUser", 3).put("maxSocketsPerAddress", 5)));
  }

  @BeforeAll
  void newDoc() {
    docId = docSharedWithBob(alice);
  }

  @BeforeEach
  void noSocketsLeft() throws Exception {
    awaitSocketsAtMost(0);
  }

  /** Waits (10 s at most) until the bridge counts no more than {@code n} open sockets. */
  private void awaitSocketsAtMost(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stack.onWebContext(() -> stack.web.bridge().sessions().count()) > n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A socket of that user whose identity is settled (it answered a request). */
  private BridgeSocket open(CookieClient c) {
    BridgeSocket s = socket(c);
    JsonObject answer = s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
    assertThat(answer.getString("type")).as(answer.encode()).isEqualTo("rec");
    return s;
  }

  /** Opens {@code n} sockets of that user into {@code sockets} (which the test closes, whatever happens). */
  private void open(List<BridgeSocket> sockets, CookieClient c, int n) {
    for (int i = 0; i < n; i++) {
      sockets.add(open(c));
    }
  }

  private static void assertRefused(BridgeSocket s) throws Exception {
    JsonObject err = s.next(f -> "err".equals(f.getString("type")));
    assertThat(err.getInteger("failureCode")).as(err.encode()).isEqualTo(429);
    assertThat(err.containsKey("address")).isFalse();
    assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void oneUserGetsAtMostItsSocketsAndAFreedPlaceCanBeTakenAgain() throws Exception {
    List<BridgeSocket> sockets = new ArrayList<>();
    try {
      open(sockets, alice, 3);
      try (BridgeSocket fourth = socket(alice)) {
        assertRefused(fourth);
      }
      // the three still work
      for (BridgeSocket s : sockets) {
        assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      }
      sockets.remove(0).close();
      awaitSocketsAtMost(2);
      sockets.add(open(alice));
    } finally {
      sockets.forEach(BridgeSocket::close);
    }
  }

  @Test
  void oneAddressGetsAtMostItsSocketsWhoeverOpensThem() throws Exception {
    List<BridgeSocket> sockets = new ArrayList<>();
    try {
      open(sockets, alice, 3);
      open(sockets, bob, 2);
      // bob has two of his three: the address's five are what refuse the sixth
      try (BridgeSocket sixth = socket(bob)) {
        assertRefused(sixth);
      }
      // nor does a socket without a cookie take a place: it is refused for the address before anything else
      try (BridgeSocket stranger = new BridgeSocket(port, null, null)) {
        assertRefused(stranger);
      }
    } finally {
      sockets.forEach(BridgeSocket::close);
    }
  }
}
