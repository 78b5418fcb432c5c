package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.client.ApiClient;
import io.verso.client.BridgeClient;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.web.WebVerticle;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.e2e.FullStack;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secure session cookies carry the {@code __Host-} (access) and {@code __Secure-} (refresh) prefixes,
 * which a browser only accepts from this very host over TLS (a sibling subdomain cannot plant them);
 * the plain names are read only in the plain-HTTP-localhost development mode. A request with two
 * values for a session cookie (one tossed in by a subdomain) is refused with 401 and the cookies are
 * cleared, whatever the values.
 */
class CookiePrefixTest {
  private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
  private static final String REFRESH_TOKEN = "[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}";
  private static final String SECURE_ACCESS = "__Host-verso_at";
  private static final String SECURE_REFRESH = "__Secure-verso_rt";
  @RegisterExtension
  static final ApiStackExtension api = new ApiStackExtension(60_000);

  /** A browser signed up on the tier with secure cookies. */
  private static CookieClient signedUp(String username) {
    CookieClient b = new CookieClient(api.port(true));
    register(b, username);
    return b;
  }

  @Test
  void secureCookiesArePrefixedAndPlainLocalhostOnesAreNot() {
    CookieClient b = new CookieClient(api.port(true));
    List<String> set = register(b, "prefixed").headers().allValues("Set-Cookie");
    assertThat(set).hasSize(2);
    assertThat(set.get(0)).matches(SECURE_ACCESS + "=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure");
    assertThat(set.get(1)).matches(SECURE_REFRESH + "=" + REFRESH_TOKEN
        + "; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure");
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(b.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(b.post("/api/auth/logout", null).headers().allValues("Set-Cookie")).containsExactly(
        SECURE_ACCESS + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
        SECURE_REFRESH + "=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict; Secure");

    CookieClient plain = new CookieClient(api.port(false));
    List<String> plainSet = register(plain, "unprefixed").headers().allValues("Set-Cookie");
    assertThat(plainSet.get(0)).matches("verso_at=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict");
    assertThat(plainSet.get(1)).matches("verso_rt=" + REFRESH_TOKEN + "; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict");
    assertThat(plain.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(plain.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
  }

  @Test
  void theUnprefixedNamesAreNotReadWhereCookiesAreSecure() {
    CookieClient b = signedUp("unprefixed.victim");
    String access = b.cookie(SECURE_ACCESS);
    String refresh = b.cookie(SECURE_REFRESH);
    // what a sibling subdomain can set (no prefix) is not a session here, even holding a real token
    CookieClient planted = new CookieClient(api.port(true));
    planted.setCookie("verso_at", access, "/");
    planted.setCookie("verso_rt", refresh, "/api/auth");
    assertError(planted.get("/api/me"), 401, "UNAUTHENTICATED");
    assertError(planted.post("/api/auth/refresh", null), 401, "UNAUTHENTICATED");
    assertThat(b.post("/api/auth/refresh", null).statusCode()).as("the real refresh cookie was not touched").isEqualTo(204);
  }

  @Test
  void duplicateSessionCookiesAreRefusedAndClearedWithoutTouchingTheSession() {
    CookieClient b = signedUp("doubled");
    String access = b.cookie(SECURE_ACCESS);
    String refresh = b.cookie(SECURE_REFRESH);
    CookieClient other = signedUp("tosser");

    CookieClient raw = new CookieClient(api.port(true));
    String doubleAccess = SECURE_ACCESS + "=" + other.cookie(SECURE_ACCESS) + "; " + SECURE_ACCESS + "=" + access;
    HttpResponse<String> me = raw.send("GET", "/api/me", null, Map.of("Cookie", doubleAccess));
    assertError(me, 401, "UNAUTHENTICATED");
    assertThat(me.headers().allValues("Set-Cookie")).containsExactly(
        SECURE_ACCESS + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
        SECURE_REFRESH + "=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
    // the same value twice is still two cookies: refused (two Cookie headers too)
    assertError(raw.send("GET", "/api/docs", null, Map.of("Cookie", SECURE_ACCESS + "=" + access + "; "
        + SECURE_ACCESS + "=" + access)), 401, "UNAUTHENTICATED");

    String doubleRefresh = SECURE_REFRESH + "=" + other.cookie(SECURE_REFRESH) + "; " + SECURE_REFRESH + "=" + refresh;
    HttpResponse<String> refreshed = raw.send("POST", "/api/auth/refresh", null,
        Map.of("Cookie", doubleRefresh, "Origin", raw.origin()));
    assertError(refreshed, 401, "UNAUTHENTICATED");
    assertThat(refreshed.headers().allValues("Set-Cookie")).hasSize(2).allMatch(c -> c.contains("Max-Age=0"));
    assertError(raw.send("POST", "/api/auth/logout", null, Map.of("Cookie", doubleRefresh, "Origin", raw.origin())),
        401, "UNAUTHENTICATED");

    // neither session was rotated, revoked or logged out by those requests
    assertThat(b.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    assertThat(other.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);

    // plain-HTTP localhost mode: the same rule on the plain names
    CookieClient plain = new CookieClient(api.port(false));
    register(plain, "doubled.plain");
    assertError(raw.send("GET", "/api/me", null, Map.of("Cookie", "verso_at=x; verso_at=" + plain.cookie("verso_at"))),
        401, "UNAUTHENTICATED");
  }

  @Test
  void aSocketHandshakeWithDuplicateAccessCookiesIsRefused() {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "doubled.socket");
    String access = b.cookie(SECURE_ACCESS);
    RequestIdentity identity = new RequestIdentity(new io.verso.web.auth.AccessTokenVerifier(api.stack().vertx,
        new io.verso.web.auth.RevokedSessions(60_000, System::currentTimeMillis)));
    MultiMap single = MultiMap.caseInsensitiveMultiMap().add("Cookie", SECURE_ACCESS + "=" + access);
    assertThat(await(identity.ofHeaders(single)).username()).isEqualTo("doubled.socket");
    MultiMap twice = MultiMap.caseInsensitiveMultiMap().add("Cookie", SECURE_ACCESS + "=" + access)
        .add("Cookie", SECURE_ACCESS + "=" + access);
    try {
      await(identity.ofHeaders(twice));
      throw new AssertionError("a handshake with two access cookies must be refused");
    } catch (RuntimeException e) {
      assertThat(Failures.codeOf(e)).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
  }

  @Test
  void theJavaApiClientAndItsSocketsKeepWorking() {
    try (FullStack full = new FullStack(new JsonObject())) {
      WebVerticle secure = new WebVerticle();
      await(full.vertx.deployVerticle(secure, new DeploymentOptions().setConfig(new JsonObject()
          .put("http.port", 0).put("http.secureCookies", true))));
      ApiClient api = new ApiClient(full.vertx, "127.0.0.1", secure.port());
      await(api.register("java.client", "a long password"));
      assertThat(api.cookieHeader()).contains(SECURE_ACCESS + "=").contains(SECURE_REFRESH + "=");
      await(api.expect(200, HttpMethod.GET, "/api/me", null));
      await(api.expect(204, HttpMethod.POST, "/api/auth/refresh", null));
      String doc = await(api.createDoc("from Java"));
      BridgeClient bus = await(BridgeClient.webSocket(full.vertx, "127.0.0.1", secure.port(), api.cookieHeader()));
      try {
        JsonObject opened = await(bus.request("doc." + doc, new JsonObject().put("action", "open")));
        assertThat(opened.getString("role")).isEqualTo("owner");
      } finally {
        bus.close();
      }
    }
  }
}
