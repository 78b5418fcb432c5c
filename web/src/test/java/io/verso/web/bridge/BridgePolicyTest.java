package io.verso.web.bridge;

import static io.verso.web.bridge.EventLoop.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.VersoException;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.presence.Presence;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a socket may do, without a socket: the checks alone, the stamped headers, the role lookup on a bare event bus. */
class BridgePolicyTest {
  private static final Identity ALICE = new Identity("u-alice", "alice", "Alice", "sid-1", Long.MAX_VALUE);

  private final Vertx vertx = Vertx.vertx();
  private final BridgePolicy policy = new BridgePolicy(vertx.eventBus(), 1_234);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static void assertRefused(Runnable check, ErrorCode code) {
    assertThatThrownBy(check::run).isInstanceOfSatisfying(VersoException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void sendsGoToADocumentOrItsPresenceAndNowhereElse() {
    assertThat(BridgePolicy.sendsToDocument("doc.d1")).isTrue();
    assertThat(BridgePolicy.sendsToDocument("presence.d1")).isFalse();
    for (String address : List.of("doc.d1.events", "presence.d1.events", Addresses.AUTH_ROLE, Addresses.PRESENCE_SERVICE,
        "doc.", "doc.a/b", "")) {
      assertRefused(() -> BridgePolicy.sendsToDocument(address), ErrorCode.FORBIDDEN);
    }
  }

  @Test
  void registrationsOnlyOnEvents() {
    BridgePolicy.checkRegistration("doc.d1.events");
    BridgePolicy.checkRegistration("presence.d1.events");
    for (String address : List.of("doc.d1", "presence.d1", Addresses.AUTH_ROLE_CHANGED, "doc..events")) {
      assertRefused(() -> BridgePolicy.checkRegistration(address), ErrorCode.FORBIDDEN);
    }
  }

  @Test
  void replyAddressesAreTheClientsOnlyWhenWellFormed() {
    assertThat(BridgePolicy.replyAddress("r-1.a:b_C")).isEqualTo("r-1.a:b_C");
    assertThat(BridgePolicy.replyAddress("r 1")).isNull();
    assertThat(BridgePolicy.replyAddress("x".repeat(101))).isNull();
    assertThat(BridgePolicy.replyAddress(42)).isNull();
    assertThat(BridgePolicy.replyAddress(null)).isNull();
  }

  @Test
  void aBodyIsAnObjectAndClaimsNobody() {
    assertRefused(() -> BridgePolicy.body("text"), ErrorCode.BAD_REQUEST);
    assertRefused(() -> BridgePolicy.body(null), ErrorCode.BAD_REQUEST);
    JsonObject body = new JsonObject().put("action", "update").put("userId", "u-bob").put("name", "Bob").put("color", "#f00");
    BridgePolicy.dropClaims(BridgePolicy.body(body));
    assertThat(body).isEqualTo(new JsonObject().put("action", "update"));
  }

  @Test
  void ackByEventOnlyForSubmits() {
    JsonObject submit = new JsonObject().put("action", DocAction.SUBMIT).put("ack", "event");
    assertThat(BridgePolicy.ackByEvent(submit)).isTrue();
    assertThat(submit.containsKey("ack")).as("removed before the body goes on").isFalse();
    assertThat(BridgePolicy.ackByEvent(new JsonObject().put("action", DocAction.SUBMIT))).isFalse();
    assertThat(BridgePolicy.ackByEvent(new JsonObject().put("action", DocAction.SUBMIT).put("ack", "reply"))).isFalse();
    assertRefused(() -> BridgePolicy.ackByEvent(new JsonObject().put("action", DocAction.OPEN).put("ack", "event")),
        ErrorCode.BAD_REQUEST);
    assertRefused(() -> BridgePolicy.ackByEvent(new JsonObject().put("action", DocAction.SUBMIT).put("ack", "later")),
        ErrorCode.BAD_REQUEST);
  }

  @Test
  void documentActionsAndTheRolesTheyNeed() {
    assertThat(BridgePolicy.neededFor(DocAction.OPEN)).isEqualTo(Role.VIEWER);
    assertThat(BridgePolicy.neededFor(DocAction.CATCHUP)).isEqualTo(Role.VIEWER);
    assertThat(BridgePolicy.neededFor(DocAction.SUBMIT)).isEqualTo(Role.EDITOR);
    assertThat(BridgePolicy.neededFor(DocAction.AUTHORSHIP)).as("history is for editors").isEqualTo(Role.EDITOR);
    assertThat(BridgePolicy.neededFor(DocAction.TOUCH)).as("internal").isNull();
    assertThat(BridgePolicy.neededFor("drop")).isNull();
  }

  @Test
  void presenceActionsASocketMayAsk() {
    assertThat(BridgePolicy.presenceAction(new JsonObject())).isEqualTo(Presence.ACTION_UPDATE);
    for (String a : List.of(Presence.ACTION_UPDATE, Presence.ACTION_HEARTBEAT, Presence.ACTION_LEAVE, Presence.ACTION_LIST)) {
      assertThat(BridgePolicy.presenceAction(new JsonObject().put("action", a))).isEqualTo(a);
    }
    for (Object a : List.of(Presence.ACTION_STATS, Presence.ACTION_HELLO, Presence.ACTION_MOVED, 7)) {
      assertThat(BridgePolicy.presenceAction(new JsonObject().put("action", a))).as("%s", a).isNull();
    }
  }

  @Test
  void stampedHeadersComeFromTheVerifiedIdentity() {
    DeliveryOptions options = policy.stamped(ALICE, Role.COMMENTER);
    assertThat(options.getSendTimeout()).isEqualTo(1_234);
    assertThat(options.getHeaders().get(Addresses.HEADER_USER_ID)).isEqualTo("u-alice");
    assertThat(options.getHeaders().get(Addresses.HEADER_USER_NAME)).isEqualTo("Alice");
    assertThat(options.getHeaders().get(Addresses.HEADER_ROLE)).isEqualTo("commenter");
    // no display name: the username, then the id; no role (a presence leave on close): no role header
    DeliveryOptions plain = policy.stamped(new Identity("u-bob", "bob", null, null, 0), null);
    assertThat(plain.getHeaders().get(Addresses.HEADER_USER_NAME)).isEqualTo("bob");
    assertThat(plain.getHeaders().contains(Addresses.HEADER_ROLE)).isFalse();
    assertThat(policy.stamped(new Identity("u-carol", null, null, null, 0), null).getHeaders()
        .get(Addresses.HEADER_USER_NAME)).isEqualTo("u-carol");
    DeliveryOptions system = policy.system();
    assertThat(system.getHeaders().get(Addresses.HEADER_USER_ID)).isEqualTo(BridgePolicy.SYSTEM_USER);
    assertThat(system.getHeaders().contains(Addresses.HEADER_ROLE)).isFalse();
  }

  @Test
  void theRoleIsAskedOncePerSocketAndDocument() {
    List<JsonObject> asked = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_ROLE, msg -> {
      asked.add(msg.body());
      msg.reply(new JsonObject().put("role", "d1".equals(msg.body().getString("docId")) ? "editor" : Role.NONE));
    }).completion().await();
    BridgeSession s = session(null);
    onContext(() -> {
      s.identify(ALICE);
      return null;
    });

    assertThat(await(onContext(() -> policy.role(s, "d1", null)))).isEqualTo(Role.EDITOR);
    assertThat(await(onContext(() -> policy.role(s, "d1", null)))).isEqualTo(Role.EDITOR);
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).getString("userId")).as("the socket's verified user").isEqualTo("u-alice");
    Future<Role> none = onContext(() -> policy.role(s, "d2", null));
    assertThatThrownBy(() -> await(none)).isInstanceOfSatisfying(VersoException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

    BridgeSession trusted = session(Role.VIEWER);
    trusted.identify(TcpBridge.SERVICE);
    assertThat(await(onContext(() -> policy.role(trusted, "d3", null)))).isEqualTo(Role.VIEWER);
    assertThat(asked).as("a trusted socket's role is never asked").hasSize(2);
  }

  private static BridgeSession session(Role fixedRole) {
    BridgeSession.Transport none = new BridgeSession.Transport() {
      @Override
      public boolean write(String text) {
        return true;
      }

      @Override
      public void close() {}
    };
    long now = System.nanoTime();
    return new BridgeSession(none, new TokenBucket(10, 10, now), fixedRole == null ? null : ServiceGrants.everything(fixedRole), now);
  }

  private <T> T onContext(Callable<T> what) {
    return EventLoop.onContext(vertx, what);
  }
}
