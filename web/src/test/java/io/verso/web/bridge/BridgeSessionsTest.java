package io.verso.web.bridge;

import static io.verso.web.bridge.EventLoop.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.Role;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.protocol.presence.Presence;
import io.verso.web.auth.Identity;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The open sockets and what the rest of the system tells them, without a socket: sessions on recording
 * transports, a real hub on a bare event bus, presence-service played by a consumer.
 */
class BridgeSessionsTest {
  private static final String D1_EVENTS = Addresses.docEvents("d1");
  private static final String D1_PRESENCE_EVENTS = Addresses.presenceEvents("d1");

  private final Vertx vertx = Vertx.vertx();
  private final BridgeHub hub = new BridgeHub(vertx);
  private final BridgePolicy policy = new BridgePolicy(vertx.eventBus(), 1_000);
  private final BridgeSessions sessions = new BridgeSessions(hub, new BridgePresence(vertx.eventBus(), policy),
      BridgeConfig.defaults());

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private BridgeSession open(RecordingTransport transport, String userId, String sessionId, String... registrations) {
    BridgeSession s = onContext(() -> {
      BridgeSession opened = sessions.open(transport, null);
      opened.identify(new Identity(userId, userId, null, sessionId, Long.MAX_VALUE));
      return opened;
    });
    for (String address : registrations) {
      await(onContext(() -> s.register(address, hub)));
    }
    return s;
  }

  @Test
  void aRoleChangeReachesThatUsersWatchingSocketsOnly() {
    RecordingTransport watching = new RecordingTransport();
    RecordingTransport elsewhere = new RecordingTransport();
    RecordingTransport bob = new RecordingTransport();
    BridgeSession a1 = open(watching, "u-alice", "sid-1", D1_EVENTS, D1_PRESENCE_EVENTS);
    open(elsewhere, "u-alice", "sid-2");
    BridgeSession b = open(bob, "u-bob", "sid-3", D1_EVENTS);

    onContext(() -> {
      sessions.roleChanged(new RoleChanged("d1", "u-alice", Role.VIEWER));
      return null;
    });
    assertThat(watching.written).containsExactly(
        Frames.rec(D1_EVENTS, new JsonObject().put("type", "role").put("role", "viewer")));
    assertThat(elsewhere.written).isEmpty();
    assertThat(bob.written).isEmpty();

    onContext(() -> {
      sessions.roleChanged(new RoleChanged("d1", "u-alice", null));
      return null;
    });
    assertThat(watching.written).hasSize(2);
    assertThat(watching.written.get(1).getString("type")).isEqualTo("err");
    assertThat(watching.written.get(1).getString("address")).isEqualTo(D1_EVENTS);
    assertThat(watching.written.get(1).getInteger("failureCode")).isEqualTo(403);
    assertThat(onContext(a1::registrations)).as("removed: both of the document's registrations end").isEmpty();
    assertThat(onContext(b::registrations)).containsExactly(D1_EVENTS);
    assertThat(onContext(hub::subscriptionCount)).isEqualTo(1);
    assertThat(elsewhere.written).isEmpty();
    assertThat(watching.closed).as("told, not closed").isFalse();
  }

  @Test
  void aRenameReachesTheSocketsWatchingTheDocument() {
    RecordingTransport watching = new RecordingTransport();
    RecordingTransport other = new RecordingTransport();
    open(watching, "u-alice", "sid-1", D1_EVENTS);
    open(other, "u-bob", "sid-2", Addresses.docEvents("d2"));
    onContext(() -> {
      sessions.titleChanged("d1", "Minutes");
      return null;
    });
    waitFor(() -> !watching.written.isEmpty());
    assertThat(watching.written).containsExactly(
        Frames.rec(D1_EVENTS, new JsonObject().put("type", "title").put("title", "Minutes")));
    assertThat(other.written).isEmpty();
  }

  @Test
  void aRevokedSessionsSocketsAreClosedAndOnlyTheirs() {
    RecordingTransport s1a = new RecordingTransport();
    RecordingTransport s1b = new RecordingTransport();
    RecordingTransport s2 = new RecordingTransport();
    RecordingTransport bob = new RecordingTransport();
    open(s1a, "u-alice", "sid-1");
    open(s1b, "u-alice", "sid-1");
    open(s2, "u-alice", "sid-2");
    open(bob, "u-bob", "sid-3");

    onContext(() -> {
      sessions.sessionRevoked(new SessionRevoked("u-alice", "sid-1"));
      return null;
    });
    assertThat(s1a.closed && s1b.closed).isTrue();
    assertThat(s1a.written).singleElement().satisfies(f -> {
      assertThat(f.getInteger("failureCode")).isEqualTo(401);
      assertThat(f.getString("message")).isEqualTo("session revoked");
      assertThat(f.containsKey("address")).as("socket-level").isFalse();
    });
    assertThat(s2.closed || bob.closed).isFalse();
    assertThat(onContext(sessions::count)).isEqualTo(2);

    onContext(() -> {
      sessions.sessionRevoked(new SessionRevoked("u-alice", null)); // no session named: all the user's
      return null;
    });
    assertThat(s2.closed).isTrue();
    assertThat(bob.closed).isFalse();
    assertThat(onContext(() -> sessions.closed(BridgeSession.CloseReason.UNAUTHENTICATED))).isEqualTo(3);
  }

  @Test
  void aClosedSocketIsUnregisteredItsPresenceClientsLeftAndCountedOnce() {
    List<JsonObject> leaves = new CopyOnWriteArrayList<>();
    List<MultiMap> headers = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.PRESENCE_SERVICE, msg -> {
      leaves.add(msg.body());
      headers.add(msg.headers());
      msg.reply(new JsonObject());
    }).completion().await();
    RecordingTransport transport = new RecordingTransport();
    BridgeSession s = open(transport, "u-alice", "sid-1", D1_EVENTS);
    onContext(() -> {
      s.presenceClients().use("d1", "client-aaaaaaaaaaaa");
      s.presenceClients().use("d2", "client-bbbbbbbbbbbb");
      sessions.close(s, BridgeSession.CloseReason.IDLE);
      sessions.close(s, BridgeSession.CloseReason.PEER);
      return null;
    });
    assertThat(transport.closed).isTrue();
    assertThat(onContext(hub::consumerCount)).isZero();
    assertThat(onContext(sessions::count)).isZero();
    assertThat(onContext(() -> sessions.closed(BridgeSession.CloseReason.IDLE))).isEqualTo(1);
    assertThat(onContext(() -> sessions.closed(BridgeSession.CloseReason.PEER))).isZero();
    waitFor(() -> leaves.size() == 2);
    assertThat(leaves).containsExactlyInAnyOrder(
        new JsonObject().put("action", Presence.ACTION_LEAVE).put("docId", "d1").put("clientId", "client-aaaaaaaaaaaa"),
        new JsonObject().put("action", Presence.ACTION_LEAVE).put("docId", "d2").put("clientId", "client-bbbbbbbbbbbb"));
    assertThat(headers).allSatisfy(h -> {
      assertThat(h.get(Addresses.HEADER_USER_ID)).isEqualTo("u-alice");
      assertThat(h.contains(Addresses.HEADER_ROLE)).isFalse();
    });
  }

  @Test
  void aSlowReaderIsCountedAsOneWhenItsSocketIsDropped() {
    RecordingTransport transport = new RecordingTransport();
    BridgeSession s = open(transport, "u-alice", "sid-1");
    transport.full = true;
    onContext(() -> {
      s.deliver("{}"); // the write queue is full: the socket closes itself
      sessions.close(s, BridgeSession.CloseReason.PEER); // and the transport reports it closed
      return null;
    });
    assertThat(onContext(() -> sessions.closed(BridgeSession.CloseReason.SLOW_READER))).isEqualTo(1);
    assertThat(onContext(() -> sessions.closed(BridgeSession.CloseReason.PEER))).isZero();
  }

  @Test
  void onlySocketsSilentForTheIdleTimeoutAreSwept() {
    RecordingTransport transport = new RecordingTransport();
    open(transport, "u-alice", "sid-1");
    onContext(() -> {
      sessions.sweepIdle();
      return null;
    });
    assertThat(transport.closed).as("just opened").isFalse();
    assertThat(onContext(sessions::count)).isEqualTo(1);

    // idle: nothing received, not even a ping, for longer than the timeout
    BridgeSession s = new BridgeSession(new RecordingTransport(), new TokenBucket(10, 10, 0), null, 0);
    assertThat(s.idleSince(1_000, 1_000)).isFalse();
    assertThat(s.idleSince(1_001, 1_000)).isTrue();
    s.admitFrame(900, 10, 1_000);
    assertThat(s.idleSince(1_001, 1_000)).as("a frame is activity, read or not").isFalse();
  }

  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
  }

  @Test
  void aTrashedDocumentIsToldToEveryWatchingSocketWhichThenLosesIt() {
    RecordingTransport alice = new RecordingTransport();
    RecordingTransport bob = new RecordingTransport();
    RecordingTransport elsewhere = new RecordingTransport();
    BridgeSession a = open(alice, "u-alice", "sid-1", D1_EVENTS, D1_PRESENCE_EVENTS);
    BridgeSession b = open(bob, "u-bob", "sid-2", D1_EVENTS);
    BridgeSession e = open(elsewhere, "u-carol", "sid-3", Addresses.docEvents("d2"));
    await(onContext(() -> a.role("d1", d -> io.vertx.core.Future.succeededFuture(Role.OWNER))));

    onContext(() -> {
      sessions.docTrashed("d1");
      return null;
    });
    JsonObject trashed = Frames.rec(D1_EVENTS, new JsonObject().put("type", "trashed"));
    assertThat(alice.written).containsExactly(trashed);
    assertThat(bob.written).containsExactly(trashed);
    assertThat(elsewhere.written).isEmpty();
    assertThat(onContext(a::registrations)).isEmpty();
    assertThat(onContext(b::registrations)).isEmpty();
    assertThat(onContext(e::registrations)).containsExactly(Addresses.docEvents("d2"));
    // the owner's known role is gone with it: asking again is refused like a stranger
    Throwable refused = onContext(() -> a.role("d1", d -> io.vertx.core.Future.succeededFuture(Role.OWNER)))
        .toCompletionStage().toCompletableFuture().handle((r, t) -> t).join();
    assertThat(refused).hasMessageContaining("no access");
  }

  private <T> T onContext(Callable<T> what) {
    return EventLoop.onContext(vertx, what);
  }
}
