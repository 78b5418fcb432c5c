package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.edit.EditVerticle;
import io.verso.history.HistoryVerticle;
import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history routes over real HTTP on the real stack (storage, auth, edit, history, web): each
 * route answers the service's answer to editors and owners, refuses viewers and commenters (403)
 * and strangers (404) and anonymous callers (401), and turns every malformed parameter into a 400.
 */
class HistoryApiTest {
  private static ApiStack stack;
  private static int port;
  private static CookieClient owner;
  private static CookieClient editor;
  private static CookieClient commenter;
  private static CookieClient viewer;
  private static CookieClient stranger;
  private static String ownerId;
  private static String editorId;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    await(stack.vertx.deployVerticle(new EditVerticle()));
    await(stack.vertx.deployVerticle(new HistoryVerticle()));
    port = stack.web(true).port();
    owner = new CookieClient(port);
    editor = new CookieClient(port);
    commenter = new CookieClient(port);
    viewer = new CookieClient(port);
    stranger = new CookieClient(port);
    ownerId = userId(register(owner, "hist.owner"));
    editorId = userId(register(editor, "hist.editor"));
    register(commenter, "hist.commenter");
    register(viewer, "hist.viewer");
    register(stranger, "hist.stranger");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  private static String userId(HttpResponse<String> registered) {
    return new JsonObject(registered.body()).getJsonObject("user").getString("id");
  }

  /** A document of the owner's with the editor, commenter and viewer as members, and two revisions: "Hello" (owner), " world" (editor). */
  private static String sharedDoc(String title) {
    String id = new JsonObject(owner.post("/api/docs", new JsonObject().put("title", title).encode()).body()).getString("id");
    for (String[] m : new String[][] {{"hist.editor", "editor"}, {"hist.commenter", "commenter"}, {"hist.viewer", "viewer"}}) {
      assertThat(owner.put("/api/docs/" + id + "/members/" + m[0], "{\"role\":\"" + m[1] + "\"}").statusCode()).isEqualTo(200);
    }
    submit(id, ownerId, "owner", 0, new JsonArray().add(new JsonObject().put("insert", "Hello")));
    submit(id, editorId, "editor", 1, new JsonArray().add(new JsonObject().put("retain", 5)).add(new JsonObject().put("insert", " world")));
    return id;
  }

  private static void submit(String docId, String userId, String role, long baseRev, JsonArray ops) {
    await(new DocumentClient(stack.vertx).request(docId, new JsonObject().put("action", "submit")
            .put("clientId", ("history-api-" + userId + "-" + docId + "-0000000000").substring(0, 60)).put("seq", 1)
            .put("baseRev", baseRev).put("ops", ops),
        new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, userId).addHeader(Addresses.HEADER_ROLE, role)));
  }

  private static JsonObject ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    return new JsonObject(r.body());
  }

  private static String text(JsonArray content) {
    StringBuilder sb = new StringBuilder();
    content.forEach(op -> sb.append(((JsonObject) op).getValue("insert")));
    return sb.toString();
  }

  /** Every route once, with valid parameters, as the given client. */
  private static List<HttpResponse<String>> everyRoute(CookieClient c, String base) {
    return List.of(c.get(base + "/history"), c.get(base + "/revisions/1"), c.get(base + "/diff?from=0&to=2"),
        c.put(base + "/versions/1", "{\"name\":\"v\"}"), c.delete(base + "/versions/1"),
        c.post(base + "/restore", "{\"rev\":1}"), c.get(base + "/authorship"));
  }

  @Test
  void editorsAndOwnersUseEveryRoute() {
    String id = sharedDoc("Story");
    String base = "/api/docs/" + id;

    JsonObject page = ok(editor.get(base + "/history"));
    assertThat(page.getBoolean("more")).isFalse();
    JsonObject entry = page.getJsonArray("entries").getJsonObject(0);
    assertThat(entry.getLong("fromRev")).isEqualTo(1);
    assertThat(entry.getLong("toRev")).isEqualTo(2);
    assertThat(entry.getJsonArray("authors").stream().map(a -> ((JsonObject) a).getString("name")))
        .containsExactly("User hist.owner", "User hist.editor");

    assertThat(text(ok(owner.get(base + "/revisions/1")).getJsonArray("content"))).isEqualTo("Hello\n");
    assertThat(text(ok(editor.get(base + "/revisions/0")).getJsonArray("content"))).isEqualTo("\n");
    JsonObject diff = ok(editor.get(base + "/diff?from=1&to=2"));
    assertThat(diff.getJsonArray("ops").stream().map(o -> (JsonObject) o).filter(o -> o.containsKey("insert")))
        .singleElement().satisfies(o -> {
          assertThat(o.getString("insert")).isEqualTo(" world");
          assertThat(o.getString("author")).isEqualTo(editorId);
        });

    JsonObject named = ok(editor.put(base + "/versions/1", "{\"name\":\"Sent to legal\"}"));
    assertThat(named.getString("name")).isEqualTo("Sent to legal");
    assertThat(ok(owner.put(base + "/versions/1", "{\"name\":\"Final\"}")).getLong("rev")).isEqualTo(1);
    JsonArray versions = ok(owner.get(base + "/history?named=true&limit=5")).getJsonArray("entries");
    assertThat(versions).hasSize(1);
    assertThat(versions.getJsonObject(0).getString("name")).isEqualTo("Final");
    JsonArray split = ok(owner.get(base + "/history")).getJsonArray("entries");
    assertThat(split.stream().map(e -> ((JsonObject) e).getLong("toRev"))).containsExactly(2L, 1L);
    HttpResponse<String> unnamed = editor.delete(base + "/versions/1");
    assertThat(unnamed.statusCode()).isEqualTo(204);
    assertThat(unnamed.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertError(owner.delete(base + "/versions/1"), 404, "NOT_FOUND");

    JsonObject restored = ok(editor.post(base + "/restore", "{\"rev\":1}"));
    assertThat(restored.getLong("rev")).isEqualTo(3);
    assertThat(text(ok(owner.get(base + "/revisions/3")).getJsonArray("content"))).isEqualTo("Hello\n");
    JsonObject again = ok(owner.post(base + "/restore", "{\"rev\":1}"));
    assertThat(again.getLong("rev")).isEqualTo(3);
    assertThat(again.getBoolean("unchanged")).isTrue();
    assertThat(ok(owner.post(base + "/restore", "{\"rev\":2}")).getLong("rev")).isEqualTo(4);

    JsonObject authorship = ok(editor.get(base + "/authorship"));
    assertThat(authorship.getLong("rev")).isEqualTo(4);
    int length = authorship.getJsonArray("runs").stream().mapToInt(r -> ((JsonObject) r).getInteger("length")).sum();
    assertThat(length).isEqualTo("Hello world\n".length());
    assertThat(authorship.getJsonArray("authors").stream().map(a -> ((JsonObject) a).getString("userId"))).contains(ownerId);
  }

  @Test
  void viewersCommentersStrangersAndAnonymousCallersAreRefused() {
    String id = sharedDoc("Secret");
    String base = "/api/docs/" + id;
    for (HttpResponse<String> r : everyRoute(viewer, base)) {
      assertError(r, 403, "FORBIDDEN");
    }
    for (HttpResponse<String> r : everyRoute(commenter, base)) {
      assertError(r, 403, "FORBIDDEN");
    }
    for (HttpResponse<String> r : everyRoute(stranger, base)) {
      assertError(r, 404, "NOT_FOUND");
    }
    for (HttpResponse<String> r : everyRoute(new CookieClient(port), base)) {
      assertError(r, 401, "UNAUTHENTICATED");
    }
    // nothing was named or restored by any of them
    assertThat(ok(owner.get(base + "/history?named=true")).getJsonArray("entries")).isEmpty();
    assertThat(ok(owner.get(base + "/revisions/2")).getLong("rev")).isEqualTo(2);
    assertError(owner.get(base + "/revisions/3"), 404, "NOT_FOUND");
  }

  @Test
  void changesFromAnotherSiteAreRefused() {
    String id = sharedDoc("Guarded");
    String base = "/api/docs/" + id;
    Map<String, String> foreign = Map.of("Origin", "https://evil.example");
    assertError(owner.send("PUT", base + "/versions/1", "{\"name\":\"x\"}", foreign), 403, "FORBIDDEN");
    assertError(owner.send("DELETE", base + "/versions/1", null, foreign), 403, "FORBIDDEN");
    assertError(owner.send("POST", base + "/restore", "{\"rev\":1}", foreign), 403, "FORBIDDEN");
    assertError(owner.send("POST", base + "/restore", "{\"rev\":1}", Map.of()), 403, "FORBIDDEN");
    assertThat(ok(owner.get(base + "/history?named=true")).getJsonArray("entries")).isEmpty();
    assertError(owner.get(base + "/revisions/3"), 404, "NOT_FOUND");
  }

  @Test
  void malformedParametersAreBadRequestsAndUnknownRevisionsNotFound() {
    String id = sharedDoc("Edge");
    String base = "/api/docs/" + id;
    for (String path : List.of("/revisions/abc", "/revisions/-1", "/revisions/1.5", "/revisions/1e2", "/revisions/%201",
        "/revisions/99999999999999999999", "/history?before=x", "/history?before=-3", "/history?before=0",
        "/history?limit=abc", "/history?limit=0", "/history?limit=101", "/history?named=yes", "/history?named=",
        "/history?before=1&before=2", "/diff?from=1", "/diff?to=2", "/diff?from=a&to=2", "/diff?from=1&to=2.0",
        "/diff?from=2&to=1", "/diff?from=1&from=0&to=2")) {
      assertError(editor.get(base + path), 400, "BAD_REQUEST");
    }
    Function<String, HttpResponse<String>> nameV1 = body -> editor.put(base + "/versions/1", body);
    for (String body : List.of("{}", "{\"name\":5}", "{\"name\":null}", "{\"name\":\"\"}", "{\"name\":\"" + "n".repeat(101) + "\"}",
        "{\"name\":\"nul\\u0000\"}", "{\"name\":\"lone \\ud800\"}", "[\"name\"]", "not json")) {
      assertError(nameV1.apply(body), 400, "BAD_REQUEST");
    }
    assertError(editor.send("PUT", base + "/versions/1", "{\"name\":\"x\"}", Map.of("Origin", editor.origin(), "Content-Type", "text/plain")),
        400, "BAD_REQUEST");
    assertError(editor.put(base + "/versions/one", "{\"name\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(editor.delete(base + "/versions/-1"), 400, "BAD_REQUEST");
    for (String body : List.of("{}", "{\"rev\":\"1\"}", "{\"rev\":1.5}", "{\"rev\":-1}", "{\"rev\":[1]}", "{\"rev\":true}", "1", "")) {
      assertError(editor.post(base + "/restore", body), 400, "BAD_REQUEST");
    }
    assertError(editor.post(base + "/restore", "{\"rev\":1,\"pad\":\"" + "x".repeat(100_000) + "\"}"), 413, "TOO_LARGE");

    // well-formed, but beyond the document's head, or no such document
    assertError(editor.get(base + "/revisions/3"), 404, "NOT_FOUND");
    assertError(editor.get(base + "/diff?from=0&to=3"), 404, "NOT_FOUND");
    assertError(editor.put(base + "/versions/3", "{\"name\":\"x\"}"), 404, "NOT_FOUND");
    assertError(editor.post(base + "/restore", "{\"rev\":3}"), 404, "NOT_FOUND");
    for (String doc : List.of("/api/docs/unknownDoc123", "/api/docs/bad%20id", "/api/docs/" + "a".repeat(65))) {
      for (HttpResponse<String> r : everyRoute(editor, doc)) {
        assertError(r, 404, "NOT_FOUND");
      }
    }
    // nothing changed
    assertThat(ok(owner.get(base + "/history")).getJsonArray("entries").getJsonObject(0).getLong("toRev")).isEqualTo(2);
  }

  @Test
  void aShareLinkCountsForHistoryAsItsRoleAndNoMore() {
    String id = sharedDoc("By link");
    String path = "/api/docs/" + id + "/history";
    java.util.function.BiFunction<String, String, HttpResponse<String>> withLink = (p, token) ->
        stranger.send("GET", p, null, java.util.Map.of("Origin", stranger.origin(), "X-Verso-Link", token));
    String token = new JsonObject(owner.put("/api/docs/" + id + "/link", "{\"role\":\"viewer\"}").body()).getString("token");
    assertThat(stranger.get(path).statusCode()).isEqualTo(404);
    assertThat(withLink.apply(path, token).statusCode()).as("a viewer link: no history").isEqualTo(403);
    assertThat(withLink.apply("/api/docs/" + id + "/comments", token).statusCode()).as("but the comments").isEqualTo(200);
    owner.put("/api/docs/" + id + "/link", "{\"role\":\"editor\"}");
    assertThat(withLink.apply(path, token).statusCode()).as("an edit link: the history").isEqualTo(200);
    assertThat(withLink.apply(path, "x".repeat(43)).statusCode()).isEqualTo(404);
  }
}
