package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.web.api.CookieClient;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Bridge tests against the real stack, one stack per class: alice and bob signed up through the
 * API, and sockets opened on their access cookies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithBridgeStack {
  FullStack stack;
  int port;
  CookieClient alice;
  CookieClient bob;

  /** The stack this class runs against (its bridge and auth settings). */
  abstract FullStack startStack();

  @BeforeAll
  void startStackAndUsers() {
    stack = startStack();
    port = stack.port();
    alice = user("alice");
    bob = user("bob");
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  CookieClient user(String name) {
    CookieClient c = new CookieClient(port);
    assertThat(c.post("/api/auth/register", new JsonObject().put("username", name).put("password", "long enough " + name)
        .put("displayName", name).encode()).statusCode()).isEqualTo(201);
    return c;
  }

  /** The Cookie header of that user's access cookie; null for no user. */
  static String accessCookie(CookieClient c) {
    return c == null ? null : RequestIdentity.ACCESS_COOKIE + "=" + c.cookie(RequestIdentity.ACCESS_COOKIE);
  }

  /** A raw socket on that user's access cookie, from the user's origin. */
  BridgeSocket socket(CookieClient c) {
    return new BridgeSocket(port, accessCookie(c), c.origin());
  }

  /** A new document of that owner, with bob as its editor. */
  String docSharedWithBob(CookieClient owner) {
    String docId = new JsonObject(owner.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
    assertThat(owner.put("/api/docs/" + docId + "/members/bob", "{\"role\":\"editor\"}").statusCode()).isEqualTo(200);
    return docId;
  }
}
