package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Acceptance 5 and 6 over real HTTP: role checks on documents and members, hostile input everywhere. */
class ApiDocsTest {
  private static ApiStack stack;
  private static int port;
  private static final List<JsonObject> roleChanges = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    port = stack.web(true).port();
    await(stack.vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_ROLE_CHANGED, m -> roleChanges.add(m.body())).completion());
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  private static String userId(HttpResponse<String> registered) {
    return new JsonObject(registered.body()).getJsonObject("user").getString("id");
  }

  private static Object roleOf(String docId, String userId) {
    return await(stack.vertx.eventBus().<JsonObject>request(Addresses.AUTH_ROLE,
        new JsonObject().put("docId", docId).put("userId", userId)).map(Message::body)).getValue("role");
  }

  /** Waits (bounded) until a published role change matching {@code expected} has arrived. */
  private static void awaitRoleChange(java.util.function.Predicate<JsonObject> expected) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (roleChanges.stream().noneMatch(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(roleChanges).anyMatch(expected);
  }

  @Test
  void rolesGuardDocumentsAndMembers() throws InterruptedException {
    CookieClient owner = new CookieClient(port);
    CookieClient viewer = new CookieClient(port);
    CookieClient editor = new CookieClient(port);
    CookieClient stranger = new CookieClient(port);
    register(owner, "doc.owner");
    String viewerId = userId(register(viewer, "doc.viewer"));
    register(editor, "doc.editor");
    register(stranger, "doc.stranger");

    HttpResponse<String> created = owner.post("/api/docs", "{\"title\":\"  Roadmap  \"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject doc = new JsonObject(created.body());
    String id = doc.getString("id");
    assertThat(doc.getString("title")).isEqualTo("Roadmap");
    String base = "/api/docs/" + id;

    JsonArray list = new JsonArray(owner.get("/api/docs").body());
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("role")).isEqualTo("owner");
    JsonObject got = new JsonObject(owner.get(base).body());
    assertThat(got.getString("role")).isEqualTo("owner");
    assertThat(got.getLong("rev")).isZero();

    assertThat(owner.put(base + "/members/doc.viewer", "{\"role\":\"viewer\"}").statusCode()).isEqualTo(200);
    assertThat(owner.put(base + "/members/DOC.EDITOR", "{\"role\":\"editor\"}").statusCode()).isEqualTo(200);
    awaitRoleChange(new JsonObject().put("docId", id).put("userId", viewerId).put("role", "viewer")::equals);

    // members see it with their role; strangers are told nothing exists
    assertThat(new JsonObject(viewer.get(base).body()).getString("role")).isEqualTo("viewer");
    JsonArray members = new JsonArray(viewer.get(base + "/members").body());
    assertThat(members.stream().map(m -> ((JsonObject) m).getString("username") + ":" + ((JsonObject) m).getString("role")))
        .containsExactlyInAnyOrder("doc.owner:owner", "doc.viewer:viewer", "doc.editor:editor");
    assertError(stranger.get(base), 404, "NOT_FOUND");
    assertError(stranger.get(base + "/members"), 404, "NOT_FOUND");
    assertError(stranger.patch(base, "{\"title\":\"mine\"}"), 404, "NOT_FOUND");
    assertError(stranger.delete(base), 404, "NOT_FOUND");
    assertThat(new JsonArray(stranger.get("/api/docs").body())).isEmpty();

    // a viewer can neither change membership nor the document
    assertError(viewer.put(base + "/members/doc.stranger", "{\"role\":\"editor\"}"), 403, "FORBIDDEN");
    assertError(viewer.put(base + "/members/doc.viewer", "{\"role\":\"owner\"}"), 403, "FORBIDDEN");
    assertError(viewer.delete(base + "/members/doc.editor"), 403, "FORBIDDEN");
    assertError(viewer.patch(base, "{\"title\":\"hijacked\"}"), 403, "FORBIDDEN");
    assertError(viewer.delete(base), 403, "FORBIDDEN");
    // an editor renames but does not manage members or delete
    HttpResponse<String> renamed = editor.patch(base, "{\"title\":\"Roadmap 2\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(owner.get(base).body()).getString("title")).isEqualTo("Roadmap 2");
    assertError(editor.delete(base + "/members/doc.viewer"), 403, "FORBIDDEN");
    assertError(editor.delete(base), 403, "FORBIDDEN");

    // the last owner stays
    assertError(owner.delete(base + "/members/doc.owner"), 409, "CONFLICT");

    // removal: the role query says null at once, and the change is published
    assertThat(roleOf(id, viewerId)).isEqualTo("viewer");
    assertThat(owner.delete(base + "/members/doc.viewer").statusCode()).isEqualTo(204);
    assertThat(roleOf(id, viewerId)).isEqualTo("none");
    awaitRoleChange(new JsonObject().put("docId", id).put("userId", viewerId).put("role", "none")::equals);
    assertError(viewer.get(base), 404, "NOT_FOUND");
    assertError(owner.delete(base + "/members/doc.viewer"), 404, "NOT_FOUND");
    assertError(owner.put(base + "/members/no.such.user", "{\"role\":\"viewer\"}"), 404, "NOT_FOUND");

    // deletion is owner-only and tells everyone the members lost their roles
    HttpResponse<String> deleted = owner.delete(base);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertError(owner.get(base), 404, "NOT_FOUND");
    assertError(editor.get(base), 404, "NOT_FOUND");
    awaitRoleChange(c -> id.equals(c.getString("docId")) && "none".equals(c.getString("role"))
        && !viewerId.equals(c.getString("userId")));
  }

  @Test
  void hostileInputGetsTheRightCodes() {
    CookieClient b = new CookieClient(port);
    register(b, "hostile.user");
    String id = new JsonObject(b.post("/api/docs", "{\"title\":\"Target\"}").body()).getString("id");
    String huge = "{\"title\":\"" + "x".repeat(100_000) + "\"}";
    Map<String, String> textPlain = Map.of("Origin", b.origin(), "Content-Type", "text/plain");

    // malformed, wrong types, wrong shapes, wrong content type, too large
    for (String path : List.of("/api/auth/register", "/api/auth/login", "/api/docs")) {
      assertError(b.post(path, "{not json"), 400, "BAD_REQUEST");
      assertError(b.post(path, "[1,2,3]"), 400, "BAD_REQUEST");
      assertError(b.post(path, "\"just a string\""), 400, "BAD_REQUEST");
      assertError(b.send("POST", path, "{}", textPlain), 400, "BAD_REQUEST");
      assertError(b.post(path, huge), 413, "TOO_LARGE");
    }
    assertError(b.post("/api/auth/register", "{}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/register", "{\"username\":1,\"password\":\"12345678\",\"displayName\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/register", "{\"username\":\"ab\",\"password\":\"12345678\",\"displayName\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/register", "{\"username\":\"with space\",\"password\":\"12345678\",\"displayName\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/register", "{\"username\":\"okname\",\"password\":\"" + "p".repeat(257) + "\",\"displayName\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/register", "{\"username\":\"okname\",\"password\":\"12345678\",\"displayName\":\"" + "d".repeat(65) + "\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/login", "{\"username\":[],\"password\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/auth/login", "{\"username\":\"hostile.user\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/docs", "{\"title\":42}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/docs", "{\"title\":\"   \"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/docs", "{\"title\":\"" + "t".repeat(201) + "\"}"), 400, "BAD_REQUEST");
    assertError(b.post("/api/docs", "{\"title\":\"bell\\u0007\"}"), 400, "BAD_REQUEST");
    assertError(b.patch("/api/docs/" + id, "{}"), 400, "BAD_REQUEST");
    assertError(b.patch("/api/docs/" + id, "{\"title\":{}}"), 400, "BAD_REQUEST");
    assertError(b.patch("/api/docs/" + id, huge), 413, "TOO_LARGE");
    assertError(b.send("PATCH", "/api/docs/" + id, "{\"title\":\"t\"}", textPlain), 400, "BAD_REQUEST");
    assertError(b.put("/api/docs/" + id + "/members/hostile.user", "{\"role\":5}"), 400, "BAD_REQUEST");
    assertError(b.put("/api/docs/" + id + "/members/hostile.user", "{\"role\":\"admin\"}"), 400, "BAD_REQUEST");
    assertError(b.put("/api/docs/" + id + "/members/hostile.user", "{}"), 400, "BAD_REQUEST");
    assertError(b.put("/api/docs/" + id + "/members/hostile.user", "nope"), 400, "BAD_REQUEST");

    // unknown or impossible documents, members and endpoints
    for (String docPath : List.of("/api/docs/unknownDoc123", "/api/docs/bad%20id", "/api/docs/" + "a".repeat(65))) {
      assertError(b.get(docPath), 404, "NOT_FOUND");
      assertError(b.patch(docPath, "{\"title\":\"t\"}"), 404, "NOT_FOUND");
      assertError(b.delete(docPath), 404, "NOT_FOUND");
      assertError(b.get(docPath + "/members"), 404, "NOT_FOUND");
      assertError(b.put(docPath + "/members/hostile.user", "{\"role\":\"viewer\"}"), 404, "NOT_FOUND");
      assertError(b.delete(docPath + "/members/hostile.user"), 404, "NOT_FOUND");
    }
    assertError(b.delete("/api/docs/" + id + "/members/" + "u".repeat(40)), 404, "NOT_FOUND");
    assertError(b.get("/api/nothing-here"), 404, "NOT_FOUND");
    assertError(b.send("POST", "/api/me", "{}", Map.of("Origin", b.origin())), 404, "NOT_FOUND");

    // unauthenticated calls to every document endpoint
    CookieClient anonymous = new CookieClient(port);
    assertError(anonymous.get("/api/docs"), 401, "UNAUTHENTICATED");
    assertError(anonymous.post("/api/docs", "{\"title\":\"x\"}"), 401, "UNAUTHENTICATED");
    assertError(anonymous.get("/api/docs/" + id), 401, "UNAUTHENTICATED");
    assertError(anonymous.patch("/api/docs/" + id, "{\"title\":\"x\"}"), 401, "UNAUTHENTICATED");
    assertError(anonymous.delete("/api/docs/" + id), 401, "UNAUTHENTICATED");
    assertError(anonymous.get("/api/docs/" + id + "/members"), 401, "UNAUTHENTICATED");
    assertError(anonymous.put("/api/docs/" + id + "/members/x", "{\"role\":\"viewer\"}"), 401, "UNAUTHENTICATED");
    assertError(anonymous.delete("/api/docs/" + id + "/members/x"), 401, "UNAUTHENTICATED");
    assertError(anonymous.post("/api/auth/refresh", null), 401, "UNAUTHENTICATED");

    // nothing was corrupted: the document is as it was
    JsonObject doc = new JsonObject(b.get("/api/docs/" + id).body());
    assertThat(doc.getString("title")).isEqualTo("Target");
    assertThat(doc.getString("role")).isEqualTo("owner");
  }
}
