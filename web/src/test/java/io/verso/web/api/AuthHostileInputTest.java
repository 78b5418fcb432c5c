package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The auth endpoints against malformed and hostile input: the right code, our own wording (never an
 * exception's text), nothing silently rewritten, and garbage cookies treated as no session.
 */
class AuthHostileInputTest extends WithApiStack {
  /** What an internal exception's text would show: class names, JVM messages, stack frames. */
  private static void assertOwnWording(HttpResponse<String> r) {
    String message = new JsonObject(r.body()).getJsonObject("error").getString("message");
    assertThat(message).as(r.body()).doesNotContain("Exception", "java.", "io.vertx", "because", "Cannot ", "class ",
        " at ", "null");
  }

  @Test
  void textThatCannotBeStoredAsGivenIsRefusedNotRewritten() {
    CookieClient b = new CookieClient(port);
    // lone UTF-16 surrogates have no UTF-8 form: stored, they would silently turn into '?'
    for (String body : List.of(
        "{\"username\":\"lone.name\",\"password\":\"a long password\",\"displayName\":\"Ann \\ud800\"}",
        "{\"username\":\"lone.pass\",\"password\":\"\\udc00\\udc00\\udc00\\udc00\\udc00\\udc00\\udc00\\udc00\",\"displayName\":\"P\"}",
        "{\"username\":\"lone.pass2\",\"password\":\"pass\\ud83dword!\",\"displayName\":\"P\"}")) {
      HttpResponse<String> r = b.post("/api/auth/register", body);
      assertError(r, 400, "BAD_REQUEST");
      assertOwnWording(r);
    }
    HttpResponse<String> login = b.post("/api/auth/login", "{\"username\":\"lone.name\",\"password\":\"a long password\"}");
    assertError(login, 401, "UNAUTHENTICATED");
    // a whole pair is fine
    assertThat(b.post("/api/auth/register", "{\"username\":\"emoji.user\",\"password\":\"pass \\ud83d\\ude00 word\","
        + "\"displayName\":\"Ann \\ud83d\\ude00\"}").statusCode()).isEqualTo(201);
    assertThat(new JsonObject(b.get("/api/me").body()).getString("displayName")).isEqualTo("Ann \uD83D\uDE00");
    assertThat(new CookieClient(port).post("/api/auth/login",
        "{\"username\":\"emoji.user\",\"password\":\"pass \\ud83d\\ude00 word\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void garbageRefreshCookiesAreNoSession() {
    CookieClient b = new CookieClient(port);
    String huge = "a".repeat(3000);
    HttpResponse<String> refresh = b.send("POST", "/api/auth/refresh", null,
        Map.of("Origin", b.origin(), "Cookie", "__Secure-verso_rt=" + huge));
    assertError(refresh, 401, "UNAUTHENTICATED");
    assertThat(refresh.headers().allValues("Set-Cookie")).hasSize(2).allMatch(c -> c.contains("Max-Age=0"));
    HttpResponse<String> logout = b.send("POST", "/api/auth/logout", null,
        Map.of("Origin", b.origin(), "Cookie", "__Secure-verso_rt=" + huge + "; __Host-verso_at=" + "b".repeat(4100)));
    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
    assertThat(logout.headers().allValues("Set-Cookie")).hasSize(2).allMatch(c -> c.contains("Max-Age=0"));
  }

  @Test
  void malformedBodiesGetOurWording() {
    CookieClient b = new CookieClient(port);
    List<String> bodies = List.of("nul", "[1,2]", "{\"username\":5,\"password\":\"x\",\"displayName\":\"y\"}",
        "{\"username\":1e999999,\"password\":\"x\",\"displayName\":\"y\"}", "[".repeat(5000) + "]".repeat(5000),
        "{\"username\":{\"$gt\":\"\"},\"password\":[],\"displayName\":true}", "{\"username\":\"a\u0000b\",\"password\":\"x\"}",
        "{\"username\":\"" + "x".repeat(2000) + "\",\"password\":\"x\",\"displayName\":\"y\"}");
    for (String path : List.of("/api/auth/register", "/api/auth/login")) {
      for (String body : bodies) {
        HttpResponse<String> r = b.post(path, body);
        assertError(r, 400, "BAD_REQUEST");
        assertOwnWording(r);
      }
      HttpResponse<String> wrongType = b.send("POST", path, "{}", Map.of("Origin", b.origin(), "Content-Type", "text/plain"));
      assertError(wrongType, 400, "BAD_REQUEST");
      assertOwnWording(wrongType);
    }
  }
}
