package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Share by link over HTTP: only the owner sets it; a signed-in user with the token gets the link's role
 * (never more, never owner rights) and is not added to the members; a reset or turning it off kills the
 * old token at once; wrong tokens are 404 like no token, and counted until the user is throttled.
 */
class ShareLinkApiTest extends WithApiStack {
  private static final String WRONG = "W".repeat(43);

  private static String newDoc(CookieClient owner) {
    return new JsonObject(owner.post("/api/docs", "{\"title\":\"Linked\"}").body()).getString("id");
  }

  private static HttpResponse<String> withLink(CookieClient c, String method, String path, String body, String token) {
    return c.send(method, path, body, Map.of("Origin", c.origin(), "X-Verso-Link", token));
  }

  private static JsonObject setLink(CookieClient owner, String docId, String role) {
    HttpResponse<String> r = owner.put("/api/docs/" + docId + "/link", new JsonObject().put("role", role).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  @Test
  void aLinkGivesItsRoleAndNeverMoreNorOwnerRights() {
    CookieClient owner = new CookieClient(port);
    CookieClient bob = new CookieClient(port);
    register(owner, "link.owner");
    register(bob, "link.bob");
    String docId = newDoc(owner);
    String doc = "/api/docs/" + docId;

    assertThat(new JsonObject(owner.get(doc + "/link").body()).getBoolean("enabled")).as("off by default").isFalse();
    JsonObject on = setLink(owner, docId, "viewer");
    String token = on.getString("token");
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(on.getString("role")).isEqualTo("viewer");
    assertThat(new JsonObject(owner.get(doc + "/link").body()).containsKey("token")).as("shown once, kept hashed").isFalse();

    assertError(bob.get(doc), 404, "NOT_FOUND");
    assertError(withLink(bob, "GET", doc, null, WRONG), 404, "NOT_FOUND");
    assertError(withLink(bob, "GET", doc, null, "short"), 404, "NOT_FOUND");
    JsonObject seen = new JsonObject(withLink(bob, "GET", doc, null, token).body());
    assertThat(seen.getString("role")).isEqualTo("viewer");
    assertError(withLink(bob, "PATCH", doc, "{\"title\":\"mine\"}", token), 403, "FORBIDDEN");
    assertThat(withLink(bob, "GET", doc + "/export?format=txt", null, token).statusCode()).isEqualTo(200);
    // the HTML export asks for the role the way the comments API does (DocumentAsUser)
    assertThat(withLink(bob, "GET", doc + "/export?format=html", null, token).statusCode()).isEqualTo(200);

    // an edit link: editing, yes; what only an owner may do, never
    setLink(owner, docId, "editor");
    assertThat(new JsonObject(withLink(bob, "GET", doc, null, token).body()).getString("role")).isEqualTo("editor");
    assertThat(withLink(bob, "PATCH", doc, "{\"title\":\"Renamed by link\"}", token).statusCode()).isEqualTo(200);
    assertError(withLink(bob, "PUT", doc + "/link", "{\"role\":\"viewer\"}", token), 404, "NOT_FOUND");
    assertError(withLink(bob, "DELETE", doc + "/link", null, token), 404, "NOT_FOUND");
    assertError(withLink(bob, "POST", doc + "/link/reset", null, token), 404, "NOT_FOUND");
    assertError(withLink(bob, "GET", doc + "/link", null, token), 404, "NOT_FOUND");
    assertError(withLink(bob, "PUT", doc + "/members/link.bob", "{\"role\":\"owner\"}", token), 404, "NOT_FOUND");
    assertError(withLink(bob, "DELETE", doc, null, token), 404, "NOT_FOUND");
    assertError(owner.put(doc + "/link", "{\"role\":\"owner\"}"), 400, "BAD_REQUEST");

    // not a member for it: the list of members and bob's own documents do not have him
    JsonArray members = new JsonArray(withLink(bob, "GET", doc + "/members", null, token).body());
    assertThat(members.stream().map(m -> ((JsonObject) m).getString("username"))).containsExactly("link.owner");
    assertThat(new JsonArray(bob.get("/api/docs").body())).isEmpty();
  }

  @Test
  void aMemberGetsTheBetterOfItsRoleAndTheLinks() {
    CookieClient owner = new CookieClient(port);
    CookieClient carol = new CookieClient(port);
    register(owner, "link.owner2");
    register(carol, "link.carol");
    String docId = newDoc(owner);
    String doc = "/api/docs/" + docId;
    assertThat(owner.put(doc + "/members/link.carol", "{\"role\":\"commenter\"}").statusCode()).isEqualTo(200);
    String token = setLink(owner, docId, "viewer").getString("token");
    assertThat(new JsonObject(withLink(carol, "GET", doc, null, token).body()).getString("role")).isEqualTo("commenter");
    setLink(owner, docId, "editor");
    assertThat(new JsonObject(withLink(carol, "GET", doc, null, token).body()).getString("role")).isEqualTo("editor");
    assertThat(new JsonObject(carol.get(doc).body()).getString("role")).as("without the link").isEqualTo("commenter");
  }

  @Test
  void resetAndOffKillTheOldTokenAtOnce() {
    CookieClient owner = new CookieClient(port);
    CookieClient dave = new CookieClient(port);
    register(owner, "link.owner3");
    register(dave, "link.dave");
    String docId = newDoc(owner);
    String doc = "/api/docs/" + docId;
    assertError(owner.post(doc + "/link/reset", null), 404, "NOT_FOUND");
    String first = setLink(owner, docId, "commenter").getString("token");
    assertThat(withLink(dave, "GET", doc, null, first).statusCode()).isEqualTo(200);

    HttpResponse<String> reset = owner.post(doc + "/link/reset", null);
    assertThat(reset.statusCode()).isEqualTo(200);
    String second = new JsonObject(reset.body()).getString("token");
    assertThat(second).isNotEqualTo(first);
    assertThat(new JsonObject(reset.body()).getString("role")).as("the role stays").isEqualTo("commenter");
    assertError(withLink(dave, "GET", doc, null, first), 404, "NOT_FOUND");
    assertThat(withLink(dave, "GET", doc, null, second).statusCode()).isEqualTo(200);

    assertThat(owner.delete(doc + "/link").statusCode()).isEqualTo(204);
    assertThat(new JsonObject(owner.get(doc + "/link").body()).getBoolean("enabled")).isFalse();
    assertError(withLink(dave, "GET", doc, null, second), 404, "NOT_FOUND");
    String third = setLink(owner, docId, "viewer").getString("token");
    assertThat(third).as("on again: a new token, the old one never comes back").isNotIn(first, second);
    assertError(withLink(dave, "GET", doc, null, second), 404, "NOT_FOUND");
  }

  @Test
  void wrongTokensAreCountedThenTheUserIsThrottled() {
    CookieClient owner = new CookieClient(port);
    CookieClient mallory = new CookieClient(port);
    register(owner, "link.owner4");
    register(mallory, "link.mallory");
    String docId = newDoc(owner);
    String doc = "/api/docs/" + docId;
    String token = setLink(owner, docId, "viewer").getString("token");
    for (int i = 0; i < 30; i++) {
      String guess = String.format("%043d", i);
      assertError(withLink(mallory, "GET", doc, null, guess), 404, "NOT_FOUND");
    }
    HttpResponse<String> throttled = withLink(mallory, "GET", doc, null, token);
    assertError(throttled, 429, "RATE_LIMITED");
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(owner.get(doc).statusCode()).as("the owner is not throttled").isEqualTo(200);
  }

  /** An image request carries no header of ours: the page's path-scoped cookie carries the link for it. */
  @Test
  void aLinksImagesAreReadWithItsCookie() {
    CookieClient owner = new CookieClient(port);
    CookieClient bob = new CookieClient(port);
    register(owner, "img.link.owner");
    register(bob, "img.link.bob");
    String id = newDoc(owner);
    byte[] png = ImagesApiTest.image(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 300);
    HttpResponse<byte[]> up = owner.sendBytes("POST", "/api/docs/" + id + "/images", png,
        Map.of("Origin", owner.origin(), "Content-Type", "image/png"));
    assertThat(up.statusCode()).isEqualTo(201);
    String url = new JsonObject(new String(up.body(), java.nio.charset.StandardCharsets.UTF_8)).getString("url");
    String token = setLink(owner, id, "viewer").getString("token");
    String path = "/api/docs/" + id + "/images/";

    assertThat(bob.sendBytes("GET", url, null, Map.of()).statusCode()).as("no link").isEqualTo(404);
    bob.setCookie("verso_link", WRONG, path);
    assertThat(bob.sendBytes("GET", url, null, Map.of()).statusCode()).as("a wrong token").isEqualTo(404);
    bob.setCookie("verso_link", token, path);
    HttpResponse<byte[]> seen = bob.sendBytes("GET", url, null, Map.of());
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.body()).isEqualTo(png);
    // the cookie is for reading images only: it gives no role anywhere else
    bob.setCookie("verso_link", token, "/");
    assertError(bob.get("/api/docs/" + id), 404, "NOT_FOUND");
    owner.delete("/api/docs/" + id + "/link");
    bob.setCookie("verso_link", token, path);
    assertThat(bob.sendBytes("GET", url, null, Map.of()).statusCode()).as("link off").isEqualTo(404);
  }
}
