package io.verso.auth;

import static io.verso.auth.AuthBus.awaitEvent;
import static io.verso.auth.AuthBus.failure;
import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.auth.testing.TokenForge;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.auth.SessionGrant;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auth-service over the event bus, against the real storage-service on embedded PostgreSQL. */
class AuthServiceTest {
  @RegisterExtension
  static final AuthBus bus = new AuthBus(new JsonObject(), false);

  private static JsonObject call(String address, JsonObject body) {
    return bus.call(address, body);
  }

  private static JsonObject call(String address, JsonObject body, String actingUser) {
    return bus.call(address, body, actingUser);
  }

  @Test
  void registerLoginAndGenericFailures() {
    SessionGrant g = bus.register("Alice.Reg");
    assertThat(g.user().username()).isEqualTo("alice.reg");
    assertThat(g.accessMaxAgeSeconds()).isEqualTo(900);
    assertThat(TokenForge.claims(g.accessToken()).getString("sub")).isEqualTo(g.user().id());

    assertThat(failure(() -> bus.register("alice.reg"))).isEqualTo(ErrorCode.CONFLICT);
    assertThat(failure(() -> bus.register("no"))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(() -> call(Addresses.AUTH_REGISTER, new JsonObject().put("username", "shortpw")
        .put("password", "1234567").put("displayName", "x")))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(() -> call(Addresses.AUTH_REGISTER, new JsonObject().put("username", "nodisplay")
        .put("password", "12345678").put("displayName", "  ")))).isEqualTo(ErrorCode.BAD_REQUEST);

    SessionGrant login = SessionGrant.fromJson(call(Addresses.AUTH_LOGIN, new JsonObject()
        .put("username", "ALICE.reg").put("password", "password-Alice.Reg").put("clientAddress", "10.0.0.1")));
    assertThat(login.user()).isEqualTo(g.user());
    assertThat(TokenForge.claims(login.accessToken()).getString("sid"))
        .isNotEqualTo(TokenForge.claims(g.accessToken()).getString("sid"));

    ReplyException wrong = assertReply(new JsonObject().put("username", "alice.reg").put("password", "wrong-password"));
    ReplyException unknown = assertReply(new JsonObject().put("username", "nobody.here").put("password", "wrong-password"));
    assertThat(wrong.failureCode()).isEqualTo(401).isEqualTo(unknown.failureCode());
    assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
  }

  private static ReplyException assertReply(JsonObject login) {
    try {
      call(Addresses.AUTH_LOGIN, login.put("clientAddress", "10.0.0.2"));
    } catch (ReplyException e) {
      return e;
    }
    throw new AssertionError("login should fail");
  }

  @Test
  void refreshRotatesAndReuseRevokesTheFamily() {
    SessionGrant g = bus.register("rotor");
    SessionGrant second = SessionGrant.fromJson(call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", g.refreshToken())));
    assertThat(second.refreshToken()).isNotEqualTo(g.refreshToken());
    assertThat(TokenForge.claims(second.accessToken()).getString("sid"))
        .isEqualTo(TokenForge.claims(g.accessToken()).getString("sid"));

    SessionGrant third = SessionGrant.fromJson(call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", second.refreshToken())));

    // the thief (or the victim) presents a token rotated before the last one (the one rotated last
    // is answered again for a few seconds: RefreshGraceTest): the whole family dies
    assertThat(failure(() -> call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", g.refreshToken()))))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(failure(() -> call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", third.refreshToken()))))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    String sid = TokenForge.claims(g.accessToken()).getString("sid");
    awaitEvent(bus.revocations, new JsonObject().put("userId", g.user().id()).put("sessionId", sid));

    assertThat(failure(() -> call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", "garbage"))))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(failure(() -> call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", 42))))
        .isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void logoutRevokesTheSession() {
    SessionGrant g = bus.register("leaver");
    String sid = TokenForge.claims(g.accessToken()).getString("sid");
    call(Addresses.AUTH_LOGOUT, new JsonObject().put("refreshToken", g.refreshToken()).put("sessionId", sid));
    assertThat(failure(() -> call(Addresses.AUTH_REFRESH, new JsonObject().put("refreshToken", g.refreshToken()))))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    awaitEvent(bus.revocations, new JsonObject().put("userId", g.user().id()).put("sessionId", sid));
  }

  @Test
  void publicKeyIsThePem() {
    JsonObject key = call(Addresses.AUTH_PUBLIC_KEY, new JsonObject());
    assertThat(key.getString("algorithm")).isEqualTo("ES256");
    assertThat(key.getString("publicKeyPem")).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(key.getString("issuer")).isEqualTo("verso");
  }

  @Test
  void membersOwnerOnlyLastOwnerKeptAndChangesPublished() {
    String owner = bus.register("own1").user().id();
    String bob = bus.register("bob1").user().id();
    bus.register("carol1");
    String docId = call(Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", owner).put("title", "Plan")).getString("id");
    JsonObject roleQuery = new JsonObject().put("docId", docId).put("userId", bob);

    assertThat(call(Addresses.AUTH_ROLE, new JsonObject().put("docId", docId).put("userId", owner)).getString("role")).isEqualTo("owner");
    assertThat(call(Addresses.AUTH_ROLE, roleQuery).getString("role")).isEqualTo("none");

    call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId).put("username", "bob1").put("role", "viewer"), owner);
    assertThat(call(Addresses.AUTH_ROLE, roleQuery).getString("role")).isEqualTo("viewer");
    awaitEvent(bus.roleChanges, new JsonObject().put("docId", docId).put("userId", bob).put("role", "viewer"));

    // a viewer cannot change membership; a non-member does not even see the document
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId)
        .put("username", "carol1").put("role", "editor"), bob))).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_LIST, new JsonObject().put("docId", docId), "nobody")))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(call(Addresses.AUTH_MEMBER_LIST, new JsonObject().put("docId", docId), bob).getJsonArray("members")).hasSize(2);
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId)
        .put("username", "bob1").put("role", "admin"), owner))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId)
        .put("username", "ghost1").put("role", "editor"), owner))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_LIST, new JsonObject().put("docId", docId))))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);

    // the last owner can neither leave nor step down
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_REMOVE, new JsonObject().put("docId", docId)
        .put("username", "own1"), owner))).isEqualTo(ErrorCode.CONFLICT);
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId)
        .put("username", "own1").put("role", "editor"), owner))).isEqualTo(ErrorCode.CONFLICT);

    // removal is effective at once and announced
    call(Addresses.AUTH_MEMBER_REMOVE, new JsonObject().put("docId", docId).put("username", "bob1"), owner);
    assertThat(call(Addresses.AUTH_ROLE, roleQuery).getString("role")).isEqualTo("none");
    awaitEvent(bus.roleChanges, new JsonObject().put("docId", docId).put("userId", bob).put("role", "none"));
    assertThat(failure(() -> call(Addresses.AUTH_MEMBER_REMOVE, new JsonObject().put("docId", docId)
        .put("username", "bob1"), owner))).isEqualTo(ErrorCode.NOT_FOUND);

    // with a second owner, the first may step down
    call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId).put("username", "bob1").put("role", "owner"), owner);
    call(Addresses.AUTH_MEMBER_PUT, new JsonObject().put("docId", docId).put("username", "own1").put("role", "editor"), owner);
    assertThat(call(Addresses.AUTH_ROLE, new JsonObject().put("docId", docId).put("userId", owner)).getString("role")).isEqualTo("editor");
  }

  @Test
  void hostileBodies() {
    assertThat(failure(() -> await(bus.vertx().eventBus().request(Addresses.AUTH_LOGIN, "not json")))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(() -> call(Addresses.AUTH_ROLE, new JsonObject().put("docId", "bad id!").put("userId", "u"))))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(() -> call(Addresses.AUTH_LOGIN, new JsonObject().put("username", List.of(1)).put("password", "x"))))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThatThrownBy(() -> call(Addresses.AUTH_REGISTER, new JsonObject())).isInstanceOf(ReplyException.class);
  }
}
