package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.Role;
import io.verso.web.auth.AccessTokenVerifier;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.auth.RevokedSessions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a frame costs before the bridge knows it may cost anything: the rate bucket is taken and the
 * socket's identity checked before the frame is parsed as JSON. The engine alone on a real event bus;
 * the socket underneath records what the bridge writes.
 */
class BridgeFrameGateTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private <T> T onContext(Callable<T> what) {
    return EventLoop.onContext(vertx, what);
  }

  private BridgeEngine engine(JsonObject bridge) {
    RequestIdentity identities = new RequestIdentity(
        new AccessTokenVerifier(vertx, new RevokedSessions(60_000, System::currentTimeMillis)));
    return new BridgeEngine(vertx, identities, BridgeConfig.from(new JsonObject().put("bridge", bridge)));
  }

  /** A trusted editor's socket on an engine of those bridge settings, after it sent {@code count} frames. */
  private RecordingTransport afterFrames(JsonObject bridge, int count, IntFunction<Buffer> frame) {
    BridgeEngine engine = engine(bridge);
    RecordingTransport socket = new RecordingTransport();
    onContext(() -> {
      BridgeSession s = engine.openTrusted(socket, new Identity("u1", "u1", "U", "sid-1", Long.MAX_VALUE),
          ServiceGrants.everything(Role.EDITOR));
      for (int i = 0; i < count; i++) {
        engine.frame(s, frame.apply(i));
      }
      return null;
    });
    return socket;
  }

  @Test
  void framesBeyondTheRateAreRefusedWithoutBeingRead() {
    RecordingTransport socket = afterFrames(new JsonObject().put("framesPerSecond", 0.01).put("frameBurst", 2), 6,
        i -> Buffer.buffer("not json " + i));
    // Two tokens: two frames read (and refused as malformed); the four after them were not read at all.
    assertThat(socket.errs(400)).as("%s", socket.written).isEqualTo(2);
    assertThat(socket.errs(429)).as("%s", socket.written).isEqualTo(1);
    assertThat(socket.closed).isFalse();
  }

  @Test
  void pingsTakeFromTheBucketToo() {
    RecordingTransport socket = afterFrames(new JsonObject().put("framesPerSecond", 0.01).put("frameBurst", 3), 5,
        i -> new JsonObject().put("type", "ping").toBuffer());
    assertThat(socket.errs(429)).as("%s", socket.written).isEqualTo(1);
  }

  @Test
  void aPingThatAsksIsAnsweredWithAPong() {
    RecordingTransport socket = afterFrames(new JsonObject(), 2, i -> new JsonObject().put("type", "ping").put("pong", true).toBuffer());
    assertThat(socket.written).as("the page's heartbeat needs an answer")
        .containsExactly(new JsonObject().put("type", "pong"), new JsonObject().put("type", "pong"));
  }

  /** A standard client's ping gets nothing back, as from any SockJS bridge (its client would warn of a frame for no handler). */
  @Test
  void aStandardPingIsNotAnswered() {
    RecordingTransport socket = afterFrames(new JsonObject(), 2, i -> new JsonObject().put("type", "ping").toBuffer());
    assertThat(socket.written).isEmpty();
  }

  @Test
  void framesOfASocketWhoseIdentityIsNotKnownYetAreNotReadAndNeverAreWhenItFails() {
    // auth-service's public key is on its way and does not come: the cookie's check stays pending
    List<Message<Object>> keyRequests = new CopyOnWriteArrayList<>();
    vertx.eventBus().consumer(Addresses.AUTH_PUBLIC_KEY, keyRequests::add).completion().await();
    BridgeEngine engine = engine(new JsonObject());
    RecordingTransport socket = new RecordingTransport();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.COOKIE,
        io.verso.web.auth.SessionCookies.SECURE_ACCESS + "=eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
    BridgeSession s = onContext(() -> engine.open(socket, headers, "192.0.2.1"));
    onContext(() -> {
      engine.frame(s, Buffer.buffer("not json"));
      engine.frame(s, new JsonObject().put("type", "send").put("address", Addresses.AUTH_ROLE)
          .put("replyAddress", "r1").put("body", new JsonObject()).toBuffer());
      return null;
    });
    assertThat(socket.written).as("nothing is read before the socket has an identity").isEmpty();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keyRequests.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(keyRequests).isNotEmpty();
    onContext(() -> {
      keyRequests.get(0).fail(503, "auth-service is away");
      return null;
    });
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!socket.closed && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    onContext(() -> null); // whatever the failure set off on the event loop has run
    assertThat(socket.closed).isTrue();
    assertThat(socket.errs(401)).isEqualTo(1);
    assertThat(socket.written).as("the held frames were dropped unread").hasSize(1);
  }
}
