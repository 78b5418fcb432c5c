package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.auth.SigningKeys;
import io.verso.auth.testing.TokenForge;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acceptance 1-4 over real HTTP: cookies, token forgeries, origin checks, refresh rotation and reuse, login throttling. */
class ApiAuthTest {
  private static final long LOGIN_WINDOW_MS = 3000;
  private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
  private static final String REFRESH_TOKEN = "[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}";
  @RegisterExtension
  static final ApiStackExtension api = new ApiStackExtension(LOGIN_WINDOW_MS);

  static HttpResponse<String> register(CookieClient b, String username) {
    return b.post("/api/auth/register", new JsonObject().put("username", username)
        .put("password", "password-" + username).put("displayName", "User " + username).encode());
  }

  static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonObject error = new JsonObject(r.body()).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
  }

  @Test
  void cookieAttributesAreExact() {
    CookieClient b = new CookieClient(api.port(true));
    HttpResponse<String> r = register(b, "cookie.monster");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(new JsonObject(r.body()).getJsonObject("user").getString("username")).isEqualTo("cookie.monster");
    List<String> set = r.headers().allValues("Set-Cookie");
    assertThat(set).hasSize(2);
    assertThat(set.get(0)).matches("__Host-verso_at=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure");
    assertThat(set.get(1)).matches("__Secure-verso_rt=" + REFRESH_TOKEN + "; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure");
    assertThat(maxAge(set.get(0))).isBetween(1L, 900L);

    HttpResponse<String> refreshed = b.post("/api/auth/refresh", null);
    assertThat(refreshed.statusCode()).isEqualTo(204);
    List<String> rotated = refreshed.headers().allValues("Set-Cookie");
    assertThat(rotated).hasSize(2);
    assertThat(rotated.get(0)).matches("__Host-verso_at=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure");
    assertThat(rotated.get(1)).matches("__Secure-verso_rt=" + REFRESH_TOKEN + "; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure");

    HttpResponse<String> out = b.post("/api/auth/logout", null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().allValues("Set-Cookie")).containsExactly(
        "__Host-verso_at=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
        "__Secure-verso_rt=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict; Secure");

    CookieClient plain = new CookieClient(api.port(false));
    List<String> plainSet = register(plain, "plain.cookie").headers().allValues("Set-Cookie");
    assertThat(plainSet.get(0)).matches("verso_at=[^;]+; Path=/; Max-Age=900; HttpOnly; SameSite=Strict");
    assertThat(plainSet.get(1)).matches("verso_rt=[^;]+; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict");
    HttpResponse<String> plainRefresh = plain.post("/api/auth/refresh", null);
    assertThat(plainRefresh.statusCode()).isEqualTo(204);
    assertThat(plainRefresh.headers().allValues("Set-Cookie")).hasSize(2).noneMatch(c -> c.contains("Secure"));

    // the same plain-HTTP server reached under a name other than localhost keeps Secure
    List<String> remote = RawHttp.setCookies(api.port(false), "verso.example", "/api/auth/register",
        new JsonObject().put("username", "remote.cookie").put("password", "password-remote")
            .put("displayName", "Remote").encode());
    assertThat(remote).hasSize(2);
    assertThat(remote.get(0)).matches("__Host-verso_at=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure");
    assertThat(remote.get(1)).matches("__Secure-verso_rt=" + REFRESH_TOKEN + "; Path=/api/auth; Max-Age=2592000; HttpOnly; SameSite=Strict; Secure");
  }

  private static long maxAge(String setCookie) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("; Max-Age=(\\d+)").matcher(setCookie);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void meNeedsAValidTokenAndEveryForgeryIsRejected() {
    CookieClient b = new CookieClient(api.port(true));
    assertError(b.get("/api/me"), 401, "UNAUTHENTICATED");
    String userId = new JsonObject(register(b, "forger.victim").body()).getJsonObject("user").getString("id");
    HttpResponse<String> me = b.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(new JsonObject(me.body())).isEqualTo(new JsonObject().put("id", userId)
        .put("username", "forger.victim").put("displayName", "User forger.victim"));

    String good = b.cookie("__Host-verso_at");
    String sid = TokenForge.claims(good).getString("sid");
    Map<String, String> forgeries = Map.of(
        "tampered payload", TokenForge.tamperSubject(good, "someone-else"),
        "alg none", TokenForge.algNone(TokenForge.claims(good)),
        "expired", TokenForge.expired(api.stack().vertx, api.stack().keys, userId, sid),
        "other key", TokenForge.signed(api.stack().vertx, SigningKeys.generate(), userId, sid),
        "HS256 keyed with the public key", TokenForge.hmacWithPublicKey(api.stack().keys, TokenForge.claims(good)),
        "other issuer", TokenForge.signedClaims(api.stack().vertx, api.stack().keys, new JsonObject().put("sub", userId).put("sid", sid), "evil"),
        "no session id", TokenForge.signedClaims(api.stack().vertx, api.stack().keys, new JsonObject().put("sub", userId), "verso"),
        "garbage", "not.a.jwt");
    forgeries.forEach((what, token) -> {
      b.setCookie("__Host-verso_at", token, "/");
      assertThat(b.get("/api/me").statusCode()).as(what).isEqualTo(401);
      assertThat(b.get("/api/docs").statusCode()).as(what).isEqualTo(401);
    });
    // the real key still works: the forgeries failed for what they are
    b.setCookie("__Host-verso_at", TokenForge.signed(api.stack().vertx, api.stack().keys, userId, sid), "/");
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void logoutKillsRefreshAndAccessCookies() {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "logout.user");
    String access = b.cookie("__Host-verso_at");
    String refresh = b.cookie("__Secure-verso_rt");
    assertThat(b.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
    assertThat(b.cookie("__Host-verso_at")).isNull();
    b.setCookie("__Secure-verso_rt", refresh, "/api/auth");
    assertError(b.post("/api/auth/refresh", null), 401, "UNAUTHENTICATED");
    b.setCookie("__Host-verso_at", access, "/");
    assertError(b.get("/api/me"), 401, "UNAUTHENTICATED");
    // logout without any cookie is still a clean 204
    assertThat(new CookieClient(api.port(true)).post("/api/auth/logout", null).statusCode()).isEqualTo(204);
  }

  @Test
  void foreignOriginsCannotChangeState() {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "origin.user");
    String doc = "{\"title\":\"x\"}";
    assertError(b.send("POST", "/api/docs", doc, Map.of("Origin", "https://evil.example")), 403, "FORBIDDEN");
    assertError(b.send("POST", "/api/docs", doc, Map.of("Origin", "null")), 403, "FORBIDDEN");
    assertError(b.send("POST", "/api/docs", doc, Map.of()), 403, "FORBIDDEN");
    assertError(b.send("POST", "/api/auth/login", "{\"username\":\"origin.user\",\"password\":\"password-origin.user\"}",
        Map.of("Origin", "http://localhost:1")), 403, "FORBIDDEN");
    assertError(b.send("POST", "/api/auth/logout", null, Map.of("Origin", "https://evil.example")), 403, "FORBIDDEN");
    assertThat(b.cookie("__Host-verso_at")).as("the forged logout did nothing").isNotNull();
    // same origin, in both spellings, or a non-browser client declaring itself
    assertThat(b.send("POST", "/api/docs", doc, Map.of("Origin", "http://127.0.0.1:" + api.port(true))).statusCode()).isEqualTo(201);
    assertThat(b.send("POST", "/api/docs", doc, Map.of("Origin", b.origin())).statusCode()).isEqualTo(201);
    assertThat(b.send("POST", "/api/docs", doc, Map.of("X-Requested-With", "XMLHttpRequest")).statusCode()).isEqualTo(201);
    assertThat(b.send("POST", "/api/docs", doc, Map.of("Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(201);
    // reads are not state-changing
    assertThat(b.send("GET", "/api/docs", null, Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(200);
  }

  @Test
  void refreshReuseRevokesTheWholeFamily() {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "reuse.user");
    String first = b.cookie("__Secure-verso_rt");
    HttpResponse<String> rotated = b.post("/api/auth/refresh", null);
    assertThat(rotated.statusCode()).isEqualTo(204);
    assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
    String second = b.cookie("__Secure-verso_rt");
    assertThat(second).isNotEqualTo(first);
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
    // once more: the first token is now older than the last rotated one (which alone has a grace window)
    assertThat(b.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);

    CookieClient thief = new CookieClient(api.port(true));
    thief.setCookie("__Secure-verso_rt", first, "/api/auth");
    HttpResponse<String> reuse = thief.post("/api/auth/refresh", null);
    assertError(reuse, 401, "UNAUTHENTICATED");
    assertThat(reuse.headers().allValues("Set-Cookie")).contains("__Secure-verso_rt=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
    // the victim's newer tokens die with the family (refresh and access): both must log in again
    assertError(b.get("/api/me"), 401, "UNAUTHENTICATED");
    assertError(b.post("/api/auth/refresh", null), 401, "UNAUTHENTICATED");
    assertThat(b.post("/api/auth/login", "{\"username\":\"reuse.user\",\"password\":\"password-reuse.user\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void twentyWrongPasswordsThrottleUntilTheWindowPasses() throws Exception {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "throttled");
    String wrong = "{\"username\":\"throttled\",\"password\":\"not-the-password\"}";
    String right = "{\"username\":\"throttled\",\"password\":\"password-throttled\"}";
    for (int i = 1; i <= 20; i++) {
      assertError(b.post("/api/auth/login", wrong), 401, "UNAUTHENTICATED");
    }
    HttpResponse<String> limited = b.post("/api/auth/login", right);
    assertError(limited, 429, "RATE_LIMITED");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, LOGIN_WINDOW_MS / 1000);
    assertError(b.post("/api/auth/login", wrong), 429, "RATE_LIMITED");
    Thread.sleep(retryAfter * 1000 + 200);
    assertThat(b.post("/api/auth/login", right).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownUserAndWrongPasswordLookAlike() {
    CookieClient b = new CookieClient(api.port(true));
    register(b, "lookalike");
    HttpResponse<String> wrong = b.post("/api/auth/login", "{\"username\":\"lookalike\",\"password\":\"wrong-password\"}");
    HttpResponse<String> unknown = b.post("/api/auth/login", "{\"username\":\"nobody.at.all\",\"password\":\"wrong-password\"}");
    assertError(wrong, 401, "UNAUTHENTICATED");
    assertError(unknown, 401, "UNAUTHENTICATED");
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertError(register(new CookieClient(api.port(true)), "lookalike"), 409, "CONFLICT");
  }
}
