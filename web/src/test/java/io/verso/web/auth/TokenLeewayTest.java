package io.verso.web.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.testing.TokenForge;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.web.api.ApiStackExtension;
import io.verso.web.api.CookieClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clock skew between nodes: an access token a few seconds past its expiry (the signing node's clock
 * ran ahead of this one) is still accepted within the leeway, one well past it is not.
 */
class TokenLeewayTest {
  @RegisterExtension
  static final ApiStackExtension api = new ApiStackExtension(60_000);

  /** What verifying a token answers: null when it verified, else its error code. */
  static ErrorCode outcome(Future<Identity> verified) {
    try {
      await(verified);
      return null;
    } catch (RuntimeException e) {
      return Failures.codeOf(e);
    }
  }

  @Test
  void theDefaultLeewayForgivesSecondsNotMinutes() {
    CookieClient b = new CookieClient(api.port(false));
    JsonObject user = new JsonObject(b.post("/api/auth/register", new JsonObject().put("username", "skewed")
        .put("password", "a long password").put("displayName", "Skewed").encode()).body()).getJsonObject("user");
    String sid = TokenForge.claims(b.cookie(RequestIdentity.ACCESS_COOKIE)).getString("sid");

    b.setCookie(RequestIdentity.ACCESS_COOKIE,
        TokenForge.expiredSecondsAgo(api.stack().vertx, api.stack().keys, user.getString("id"), sid, 10), "/");
    assertThat(b.get("/api/me").statusCode()).as("expired 10 s ago").isEqualTo(200);

    b.setCookie(RequestIdentity.ACCESS_COOKIE,
        TokenForge.expiredSecondsAgo(api.stack().vertx, api.stack().keys, user.getString("id"), sid, 120), "/");
    assertThat(b.get("/api/me").statusCode()).as("expired 120 s ago").isEqualTo(401);
  }

  @Test
  void theLeewayIsTheVerifiersSetting() {
    RevokedSessions none = new RevokedSessions(60_000, System::currentTimeMillis);
    String tenSecondsAgo = TokenForge.expiredSecondsAgo(api.stack().vertx, api.stack().keys, "u1", "s1", 10);
    String fiftySecondsAgo = TokenForge.expiredSecondsAgo(api.stack().vertx, api.stack().keys, "u1", "s1", 50);

    assertThat(outcome(new AccessTokenVerifier(api.stack().vertx, none, 0).verify(tenSecondsAgo)))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(outcome(new AccessTokenVerifier(api.stack().vertx, none, 30).verify(tenSecondsAgo))).isNull();
    assertThat(outcome(new AccessTokenVerifier(api.stack().vertx, none, 30).verify(fiftySecondsAgo)))
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(outcome(new AccessTokenVerifier(api.stack().vertx, none, 60).verify(fiftySecondsAgo))).isNull();
  }
}
