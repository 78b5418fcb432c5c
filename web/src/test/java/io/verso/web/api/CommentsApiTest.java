package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static io.verso.web.api.CommentCalls.create;
import static io.verso.web.api.CommentCalls.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.edit.EditVerticle;
import io.verso.protocol.Addresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The comment routes over real HTTP on the real stack (storage on embedded PostgreSQL, auth, edit,
 * web): every role × action (owners, editors, commenters, viewers, strangers, no cookie), every
 * refusal with its code, idempotent resends, the live events, and durability (an acknowledged
 * comment is what storage reads back from PostgreSQL).
 */
class CommentsApiTest {
  private static ApiStack stack;
  private static CookieClient owner;
  private static CookieClient editor;
  private static CookieClient commenter;
  private static CookieClient viewer;
  private static CookieClient stranger;
  private static CookieClient anonymous;
  private static String ownerId;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    await(stack.vertx.deployVerticle(new EditVerticle()));
    await(stack.vertx.deployVerticle(new io.verso.history.HistoryVerticle()));
    int port = stack.web(true).port();
    owner = new CookieClient(port);
    editor = new CookieClient(port);
    commenter = new CookieClient(port);
    viewer = new CookieClient(port);
    stranger = new CookieClient(port);
    anonymous = new CookieClient(port);
    ownerId = new JsonObject(register(owner, "cmt.owner").body()).getJsonObject("user").getString("id");
    register(editor, "cmt.editor");
    register(commenter, "cmt.commenter");
    register(viewer, "cmt.viewer");
    register(stranger, "cmt.stranger");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  /** A document reading "Hello world" (rev 2) with the editor, commenter and viewer as members. */
  private static String sharedDoc(String title) {
    String id = new JsonObject(owner.post("/api/docs", new JsonObject().put("title", title).encode()).body()).getString("id");
    for (String[] m : new String[][] {{"cmt.editor", "editor"}, {"cmt.commenter", "commenter"}, {"cmt.viewer", "viewer"}}) {
      assertThat(owner.put("/api/docs/" + id + "/members/" + m[0], "{\"role\":\"" + m[1] + "\"}").statusCode()).isEqualTo(200);
    }
    submit(stack.vertx, ownerId, id, 1, 0, new JsonArray().add(new JsonObject().put("insert", "Hello")));
    submit(stack.vertx, ownerId, id, 2, 1, new JsonArray().add(new JsonObject().put("retain", 5)).add(new JsonObject().put("insert", " world")));
    return id;
  }

  private static JsonObject status(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  private static String reply(CookieClient c, String base, String threadId, String text) {
    JsonObject t = status(c.post(base + "/comments/" + threadId + "/replies", new JsonObject().put("text", text).encode()), 201);
    JsonArray comments = t.getJsonArray("comments");
    return comments.getJsonObject(comments.size() - 1).getString("id");
  }

  @Test
  void everyRoleDoesWhatItMayAndNothingMore() {
    String base = "/api/docs/" + sharedDoc("Roles");
    // reading: every member; a stranger learns nothing; no cookie, no answer
    for (CookieClient c : List.of(owner, editor, commenter, viewer)) {
      assertThat(status(c.get(base + "/comments"), 200).getLong("rev")).isEqualTo(2);
    }
    assertError(stranger.get(base + "/comments"), 404, "NOT_FOUND");
    assertError(anonymous.get(base + "/comments"), 401, "UNAUTHENTICATED");

    // commenting: commenters and better
    String byOwner = create(owner, base, 2, 0, 5, "owner's");
    String byEditor = create(editor, base, 2, 6, 5, "editor's");
    String byCommenter = create(commenter, base, 2, 0, 11, "commenter's");
    assertError(viewer.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":1,\"text\":\"no\"}"), 403, "FORBIDDEN");
    assertError(stranger.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":1,\"text\":\"no\"}"), 404, "NOT_FOUND");
    assertError(anonymous.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":1,\"text\":\"no\"}"), 401, "UNAUTHENTICATED");

    // replying: commenters and better, on anyone's thread
    String commenterReply = reply(commenter, base, byOwner, "reply by commenter");
    String editorReply = reply(editor, base, byCommenter, "reply by editor");
    reply(owner, base, byEditor, "reply by owner");
    assertError(viewer.post(base + "/comments/" + byOwner + "/replies", "{\"text\":\"no\"}"), 403, "FORBIDDEN");
    assertError(stranger.post(base + "/comments/" + byOwner + "/replies", "{\"text\":\"no\"}"), 404, "NOT_FOUND");

    // resolving and reopening: editors and owners any thread, commenters their own
    assertThat(status(commenter.patch(base + "/comments/" + byCommenter, "{\"resolved\":true}"), 200)
        .getBoolean("resolved")).isTrue();
    assertThat(status(commenter.patch(base + "/comments/" + byCommenter, "{\"resolved\":false}"), 200)
        .getBoolean("resolved")).isFalse();
    assertError(commenter.patch(base + "/comments/" + byOwner, "{\"resolved\":true}"), 403, "FORBIDDEN");
    JsonObject resolved = status(editor.patch(base + "/comments/" + byOwner, "{\"resolved\":true}"), 200);
    assertThat(resolved.getString("resolvedBy")).isNotBlank();
    assertError(commenter.patch(base + "/comments/" + byOwner, "{\"resolved\":false}"), 403, "FORBIDDEN");
    assertThat(status(owner.patch(base + "/comments/" + byOwner, "{\"resolved\":false}"), 200).getBoolean("resolved")).isFalse();
    assertThat(status(owner.patch(base + "/comments/" + byEditor, "{\"resolved\":true}"), 200).getBoolean("resolved")).isTrue();
    assertError(viewer.patch(base + "/comments/" + byCommenter, "{\"resolved\":true}"), 403, "FORBIDDEN");

    // editing: only the author
    String firstOfCommenter = firstComment(base, byCommenter);
    JsonObject edited = status(commenter.patch(base + "/comments/" + byCommenter + "/" + firstOfCommenter,
        "{\"text\":\"commenter's, edited\"}"), 200);
    assertThat(edited.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo("commenter's, edited");
    assertThat(edited.getJsonArray("comments").getJsonObject(0).getLong("editedTs")).isNotNull();
    assertError(editor.patch(base + "/comments/" + byCommenter + "/" + firstOfCommenter, "{\"text\":\"x\"}"), 403, "FORBIDDEN");
    assertError(owner.patch(base + "/comments/" + byCommenter + "/" + firstOfCommenter, "{\"text\":\"x\"}"), 403, "FORBIDDEN");
    assertError(viewer.patch(base + "/comments/" + byCommenter + "/" + firstOfCommenter, "{\"text\":\"x\"}"), 403, "FORBIDDEN");

    // deleting: the author, or an owner
    assertError(commenter.delete(base + "/comments/" + byCommenter + "/" + editorReply), 403, "FORBIDDEN");
    assertError(editor.delete(base + "/comments/" + byOwner + "/" + commenterReply), 403, "FORBIDDEN");
    assertError(viewer.delete(base + "/comments/" + byOwner + "/" + commenterReply), 403, "FORBIDDEN");
    status(commenter.delete(base + "/comments/" + byOwner + "/" + commenterReply), 204);
    status(owner.delete(base + "/comments/" + byCommenter + "/" + editorReply), 204);
    assertError(editor.delete(base + "/comments/" + byCommenter), 403, "FORBIDDEN");
    status(owner.delete(base + "/comments/" + byEditor), 204); // an owner removes anyone's thread
    status(commenter.delete(base + "/comments/" + byCommenter), 204); // its opener too

    JsonArray left = status(viewer.get(base + "/comments"), 200).getJsonArray("threads");
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getString("id")).isEqualTo(byOwner);
    assertThat(left.getJsonObject(0).getJsonArray("comments")).hasSize(1);
  }

  private static String firstComment(String base, String threadId) {
    for (Object o : status(owner.get(base + "/comments"), 200).getJsonArray("threads")) {
      JsonObject t = (JsonObject) o;
      if (t.getString("id").equals(threadId)) {
        return t.getJsonArray("comments").getJsonObject(0).getString("id");
      }
    }
    throw new AssertionError("no thread " + threadId);
  }

  @Test
  void anAnchorGivenAtAnOlderRevisionIsMovedToTheHead() {
    String id = sharedDoc("Moved");
    String base = "/api/docs/" + id;
    submit(stack.vertx, ownerId, id, 3, 2, new JsonArray().add(new JsonObject().put("insert", "Big ")));
    // "world" as the commenter saw it at rev 2, before "Big " came in at rev 3
    JsonObject t = status(commenter.post(base + "/comments",
        "{\"rev\":2,\"index\":6,\"length\":5,\"text\":\"which world?\"}"), 201);
    assertThat(t.getLong("rev")).isEqualTo(3);
    assertThat(t.getInteger("index")).isEqualTo(10);
    assertThat(t.getInteger("length")).isEqualTo(5);
    JsonObject comment = t.getJsonArray("comments").getJsonObject(0);
    assertThat(comment.getString("name")).isEqualTo("User cmt.commenter");
    assertThat(comment.getString("text")).isEqualTo("which world?");
    // the whole word deleted: the thread stays, detached, where the word was
    submit(stack.vertx, ownerId, id, 4, 3, new JsonArray().add(new JsonObject().put("retain", 10)).add(new JsonObject().put("delete", 5)));
    JsonObject after = status(viewer.get(base + "/comments"), 200);
    assertThat(after.getLong("rev")).isEqualTo(4);
    JsonObject detached = after.getJsonArray("threads").getJsonObject(0);
    assertThat(detached.getBoolean("detached")).isTrue();
    assertThat(detached.getInteger("index")).isEqualTo(10);
    assertThat(detached.getInteger("length")).isEqualTo(0);
  }

  /** A restore is an op like any other: threads on text it takes away are detached, never deleted. */
  @Test
  void restoringAnOldVersionKeepsEveryThread() {
    String id = sharedDoc("Restored");
    String base = "/api/docs/" + id;
    String onHello = create(commenter, base, 2, 0, 5, "on Hello");
    String onWorld = create(commenter, base, 2, 6, 5, "on world");
    assertThat(status(editor.post(base + "/restore", "{\"rev\":1}"), 200).getLong("rev")).isEqualTo(3); // "Hello"
    JsonObject after = status(viewer.get(base + "/comments"), 200);
    assertThat(after.getLong("rev")).isEqualTo(3);
    assertThat(after.getJsonArray("threads")).hasSize(2);
    for (Object o : after.getJsonArray("threads")) {
      JsonObject t = (JsonObject) o;
      if (t.getString("id").equals(onHello)) {
        assertThat(t.getBoolean("detached")).isFalse();
        assertThat(t.getInteger("index")).isEqualTo(0);
        assertThat(t.getInteger("length")).isEqualTo(5);
      } else {
        assertThat(t.getString("id")).isEqualTo(onWorld);
        assertThat(t.getBoolean("detached")).isTrue();
        assertThat(t.getInteger("index")).isEqualTo(5);
      }
    }
  }

  @Test
  void badInputIsRefusedWithItsCodeAndChangesNothing() {
    String base = "/api/docs/" + sharedDoc("Hostile");
    String t = create(commenter, base, 2, 0, 5, "fine");
    assertError(commenter.post(base + "/comments", json(2, 0, 5, "x".repeat(10_001))), 413, "TOO_LARGE");
    // a body over the API's 64 KiB in bytes (a short text, padded with three-byte characters): refused unread
    String padded = new JsonObject().put("rev", 2).put("index", 0).put("length", 5).put("text", "short")
        .put("pad", "\u20AC".repeat(25_000)).encode();
    assertError(commenter.post(base + "/comments", padded), 413, "TOO_LARGE");
    assertError(commenter.post(base + "/comments/" + t + "/replies", padded), 413, "TOO_LARGE");
    assertError(commenter.post(base + "/comments", json(2, 0, 5, "   \n ")), 422, "INVALID_OP");
    // escaped in the JSON: as a raw string the HTTP client itself would send it as '?'
    assertError(commenter.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":5,\"text\":\"bad \\ud800 half\"}"),
        422, "INVALID_OP");
    assertError(commenter.post(base + "/comments", json(2, 0, 0, "a point")), 422, "INVALID_OP");
    assertError(commenter.post(base + "/comments", json(2, 10, 5, "past the end")), 422, "INVALID_OP");
    assertError(commenter.post(base + "/comments", json(3, 0, 1, "from the future")), 409, "REV_AHEAD");
    assertError(commenter.post(base + "/comments", "{\"rev\":-1,\"index\":0,\"length\":1,\"text\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(commenter.post(base + "/comments", "{\"rev\":2,\"index\":\"0\",\"length\":1,\"text\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(commenter.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":1,\"text\":7}"), 400, "BAD_REQUEST");
    assertError(commenter.post(base + "/comments", "{\"rev\":2,\"index\":0,\"length\":1,\"text\":\"x\",\"id\":\"short\"}"), 400, "BAD_REQUEST");
    assertError(commenter.post(base + "/comments/not-an-id/replies", "{\"text\":\"x\"}"), 400, "BAD_REQUEST");
    assertError(commenter.post(base + "/comments/AAAAAAAAAAAAAAAAAAAAAA/replies", "{\"text\":\"x\"}"), 404, "NOT_FOUND");
    assertError(commenter.patch(base + "/comments/" + t, "{\"resolved\":\"yes\"}"), 400, "BAD_REQUEST");
    assertError(commenter.patch(base + "/comments/" + t + "/AAAAAAAAAAAAAAAAAAAAAA", "{\"text\":\"x\"}"), 404, "NOT_FOUND");
    assertError(commenter.post(base + "/comments", "not json"), 400, "BAD_REQUEST");
    JsonArray threads = status(owner.get(base + "/comments"), 200).getJsonArray("threads");
    assertThat(threads).hasSize(1);
    assertThat(threads.getJsonObject(0).getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo("fine");
  }

  private static String json(long rev, int index, int length, String text) {
    return new JsonObject().put("rev", rev).put("index", index).put("length", length).put("text", text).encode();
  }

  @Test
  void theSameIdAgainIsTheCommentAlreadyMadeAndNobodyElsesToTake() {
    String base = "/api/docs/" + sharedDoc("Resend");
    String body = "{\"rev\":2,\"index\":0,\"length\":5,\"text\":\"once\",\"id\":\"resend-thread-0000000001\"}";
    JsonObject first = status(commenter.post(base + "/comments", body), 201);
    JsonObject again = status(commenter.post(base + "/comments", body), 200);
    assertThat(again).isEqualTo(first);
    assertError(editor.post(base + "/comments", body), 403, "FORBIDDEN");
    String reply = "{\"text\":\"twice?\",\"id\":\"resend-reply-00000000001\"}";
    status(editor.post(base + "/comments/resend-thread-0000000001/replies", reply), 201);
    status(editor.post(base + "/comments/resend-thread-0000000001/replies", reply), 200);
    assertThat(status(owner.get(base + "/comments"), 200).getJsonArray("threads").getJsonObject(0)
        .getJsonArray("comments")).hasSize(2);
  }

  @Test
  void changesArePublishedInOrderWithTheOpsAndAcknowledgedOnlyOnceStored() {
    String id = sharedDoc("Live");
    String base = "/api/docs/" + id;
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = stack.vertx.eventBus().consumer(Addresses.docEvents(id), m -> events.add(m.body()));
    await(consumer.completion());
    String t = create(commenter, base, 2, 6, 5, "live");
    submit(stack.vertx, ownerId, id, 3, 2, new JsonArray().add(new JsonObject().put("insert", "Oh ")));
    status(editor.patch(base + "/comments/" + t, "{\"resolved\":true}"), 200);
    long deadline = System.currentTimeMillis() + 5_000;
    while (events.size() < 3 && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    await(consumer.unregister());
    assertThat(events).extracting(e -> e.getString("type")).containsExactly("comment", "op", "comment");
    assertThat(events.get(0).getString("change")).isEqualTo("created");
    assertThat(events.get(0).getLong("rev")).isEqualTo(2);
    JsonObject resolvedEvent = events.get(2);
    assertThat(resolvedEvent.getString("change")).isEqualTo("resolved");
    assertThat(resolvedEvent.getLong("rev")).isEqualTo(3);
    assertThat(resolvedEvent.getJsonObject("thread").getInteger("index")).isEqualTo(9); // moved by "Oh "

    // acknowledged means committed: storage reads it back from PostgreSQL
    JsonObject stored = await(stack.vertx.eventBus().<JsonObject>request(Addresses.STORAGE_COMMENTS_LOAD,
        new JsonObject().put("docId", id))).body();
    JsonObject thread = stored.getJsonArray("threads").getJsonObject(0);
    assertThat(thread.getString("id")).isEqualTo(t);
    assertThat(thread.getBoolean("resolved")).isTrue();
    assertThat(thread.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo("live");
  }

  @Test
  void commentChangesAreRateLimitedPerUser() {
    String base = "/api/docs/" + sharedDoc("Flood");
    String t = create(owner, base, 2, 0, 5, "start");
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      HttpResponse<String> r = owner.post(base + "/comments/" + t + "/replies", "{\"text\":\"again " + i + "\"}");
      if (r.statusCode() == 429) {
        assertError(r, 429, "RATE_LIMITED");
        refused++;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      }
    }
    assertThat(refused).isPositive();
    status(commenter.post(base + "/comments/" + t + "/replies", "{\"text\":\"someone else still may\"}"), 201);
  }
}
