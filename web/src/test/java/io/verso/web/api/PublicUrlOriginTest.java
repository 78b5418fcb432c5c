package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.web.WebVerticle;
import io.verso.web.auth.SessionCookies;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public URL ({@code http.publicUrl}) is where users come from: its origin may sign up, and its
 * scheme decides the cookies. A plain-HTTP one on a host other than localhost is refused unless
 * {@code http.allowInsecureHttp}, and then its requests get cookies a browser keeps over HTTP.
 * The web tiers here keep {@code http.secureCookies} at its default (true), as the app does.
 */
class PublicUrlOriginTest {
  private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
  private static ApiStack stack;

  @BeforeAll
  static void start() {
    stack = new ApiStack(60_000);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static int web(JsonObject config) {
    WebVerticle web = new WebVerticle();
    await(stack.vertx.deployVerticle(web, new DeploymentOptions().setConfig(config.put("http.port", 0))));
    return web.port();
  }

  private static String signUp(String username) {
    return new JsonObject().put("username", username).put("password", "password-" + username)
        .put("displayName", "User " + username).encode();
  }

  private static String cookieValue(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void aPlainHttpPublicUrlAllowedExplicitlySignsUpWithCookiesThatWorkOverHttp() {
    int port = web(new JsonObject().put("http.publicUrl", "http://server:8080/").put("http.allowInsecureHttp", true));
    Map<String, String> fromServer = Map.of("Origin", "http://server:8080");
    RawHttp.Answer signedUp = RawHttp.exchange(port, "POST", "server:8080", "/api/auth/register", fromServer,
        signUp("over.plain.http"));
    assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(201);
    // no Secure, no prefix: a browser drops both on http://server:8080
    assertThat(signedUp.setCookies()).hasSize(2);
    assertThat(signedUp.setCookies().get(0)).matches("verso_at=" + JWT + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict");
    assertThat(signedUp.setCookies().get(1)).startsWith("verso_rt=").doesNotContain("Secure");
    String access = cookieValue(signedUp.setCookies().get(0));
    String refresh = cookieValue(signedUp.setCookies().get(1));
    assertThat(RawHttp.exchange(port, "GET", "server:8080", "/api/me", Map.of("Cookie", access), null).status())
        .isEqualTo(200);
    RawHttp.Answer refreshed = RawHttp.exchange(port, "POST", "server:8080", "/api/auth/refresh",
        Map.of("Origin", "http://server:8080", "Cookie", refresh), null);
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(204);
    assertThat(refreshed.setCookies().get(0)).startsWith("verso_at=").doesNotContain("Secure");

    // other origins are still refused; localhost development is as before (prefixed, Secure)
    assertThat(RawHttp.exchange(port, "POST", "server:8080", "/api/auth/register",
        Map.of("Origin", "http://elsewhere:8080"), signUp("from.elsewhere")).status()).isEqualTo(403);
    CookieClient local = new CookieClient(port);
    assertThat(ApiAuthTest.register(local, "still.local").headers().allValues("Set-Cookie"))
        .allMatch(c -> c.startsWith("__") && c.endsWith("; Secure"));
    assertThat(local.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void socketHandshakesReadThePlainAccessCookieOnlyWhereAPlainHttpHostIsAllowed() {
    MultiMap plain = MultiMap.caseInsensitiveMultiMap().add("Cookie", "verso_at=token");
    assertThat(new SessionCookies(true, "server").accessFromHeaders(plain)).isEqualTo("token");
    assertThat(new SessionCookies(true).accessFromHeaders(plain)).isNull();
    assertThat(new OriginCheck(List.of(), "http://Server:8080/").allowed()).containsExactly("http://server:8080");
  }

  @Test
  void withoutAPublicUrlAnotherHostsOriginIsRefused() {
    int port = web(new JsonObject());
    RawHttp.Answer refused = RawHttp.exchange(port, "POST", "server:8080", "/api/auth/register",
        Map.of("Origin", "http://server:8080"), signUp("not.public"));
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void aPlainHttpPublicUrlOnAnotherHostIsRefusedAtStartWithWhatToSet() {
    WebVerticle web = new WebVerticle();
    assertThatThrownBy(() -> await(stack.vertx.deployVerticle(web, new DeploymentOptions().setConfig(new JsonObject()
        .put("http.port", 0).put("http.publicUrl", "http://server:8080/")))))
        .hasMessageContaining("http://server:8080").hasMessageContaining("--allow-insecure-http")
        .hasMessageContaining("--public-url=https://server/");
    // plain HTTP on localhost needs nothing
    assertThat(web(new JsonObject().put("http.publicUrl", "http://localhost:8080/"))).isPositive();
  }

  @Test
  void anHttpsPublicUrlKeepsPrefixedSecureCookies() {
    // TLS ends at a proxy: the request reaches Verso over plain HTTP with the public Host
    int port = web(new JsonObject().put("http.publicUrl", "https://verso.example/"));
    RawHttp.Answer signedUp = RawHttp.exchange(port, "POST", "verso.example", "/api/auth/register",
        Map.of("Origin", "https://verso.example"), signUp("over.https"));
    assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(201);
    assertThat(signedUp.setCookies().get(0)).matches("__Host-verso_at=" + JWT
        + "; Path=/; Max-Age=900; HttpOnly; SameSite=Strict; Secure");
    assertThat(signedUp.setCookies().get(1)).startsWith("__Secure-verso_rt=").endsWith("; Secure");
    String access = cookieValue(signedUp.setCookies().get(0));
    assertThat(RawHttp.exchange(port, "GET", "verso.example", "/api/me", Map.of("Cookie", access), null).status())
        .isEqualTo(200);
    // the unprefixed name is no session there
    assertThat(RawHttp.exchange(port, "GET", "verso.example", "/api/me",
        Map.of("Cookie", access.replace("__Host-", "")), null).status()).isEqualTo(401);
    assertThat(RawHttp.exchange(port, "POST", "verso.example", "/api/auth/register",
        Map.of("Origin", "http://verso.example"), signUp("downgraded")).status()).isEqualTo(403);
  }
}
