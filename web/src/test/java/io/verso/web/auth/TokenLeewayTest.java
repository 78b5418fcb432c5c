package io.verso.web.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.TokenForge;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.web.api.ApiStack;
import io.verso.web.api.CookieClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clock skew between nodes: an access token a few seconds past its expiry (the signing node's clock
 * ran ahead of this one) is still accepted within the leeway, one well past it is not.
 */
class TokenLeewayTest {
  private static ApiStack stack;
  private static int port;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    port = stack.web(false).port();
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  private static ErrorCode outcome(Future<Identity> verified) {
    try {
      await(verified);
      return null;
    } catch (RuntimeException e) {
      return Failures.codeOf(e);
    }
  }

  @Test
  void theDefaultLeewayForgivesSecondsNotMinutes() {
    CookieClient b = new CookieClient(port);
    JsonObject user = new JsonObject(b.post("/api/auth/register", new JsonObject().put("username", "skewed")
        .put("password", "a long password").put("displayName", "Skewed").encode()).body()).getJsonObject("user");
    String sid = TokenForge.claims(b.cookie(RequestIdentity.ACCESS_COOKIE)).getString("sid");

    b.setCookie(RequestIdentity.ACCESS_COOKIE,
        TokenForge.expiredSecondsAgo(stack.vertx, stack.keys, user.getString("id"), sid, 10), "/");
    assertThat(b.get("/api/me").statusCode()).as("expired 10 s ago").isEqualTo(200);

    b.setCookie(RequestIdentity.ACCESS_COOKIE,
        TokenForge.expiredSecondsAgo(stack.vertx, stack.keys, user.getString("id"), sid, 120), "/");
    assertThat(b.get("/api/me").statusCode()).as("expired 120 s ago").isEqualTo(401);
  }

  @Test
  void theLeewayIsTheVerifiersSetting() {
    RevokedSessions none = new RevokedSessions(60_000, System::currentTimeMillis);
    String tenSecondsAgo = TokenForge.expiredSecondsAgo(stack.vertx, stack.keys, "u1", "s1", 10);
    String fiftySecondsAgo = TokenForge.expiredSecondsAgo(stack.vertx, stack.keys, "u1", "s1", 50);

    assertThat(outcome(new AccessTokenVerifier(stack.vertx, none, 0).verify(tenSecondsAgo)))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(outcome(new AccessTokenVerifier(stack.vertx, none, 30).verify(tenSecondsAgo))).isNull();
    assertThat(outcome(new AccessTokenVerifier(stack.vertx, none, 30).verify(fiftySecondsAgo)))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(outcome(new AccessTokenVerifier(stack.vertx, none, 60).verify(fiftySecondsAgo))).isNull();
  }
}
