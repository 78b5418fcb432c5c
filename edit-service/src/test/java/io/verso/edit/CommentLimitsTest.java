package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.comments.CommentLimits;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A commenter filling a document with comments: threads per document, comments per thread and the
 * bytes of all comment text are capped (413, nothing changed), counted in bytes as well as in
 * number. Real edit-service and storage-service; the rate limit is lifted so the caps are reached.
 */
class CommentLimitsTest {
  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject().put("edit", new JsonObject()
      .put("commentsPerSecond", 100_000.0).put("commentsBurst", 100_000)));

  @Test
  void aThreadHoldsAtMostItsComments() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner").await(10, TimeUnit.SECONDS);
    String threadId = create(docId, "first").getJsonObject("thread").getString("id");
    List<Future<JsonObject>> replies = new ArrayList<>();
    for (int i = 1; i < CommentLimits.MAX_COMMENTS_PER_THREAD; i++) {
      replies.add(send(docId, new JsonObject().put("action", "comment.reply").put("threadId", threadId).put("text", "r" + i)));
    }
    Future.all(replies).await(60, TimeUnit.SECONDS);
    assertRefused(ErrorCode.TOO_LARGE, send(docId, new JsonObject().put("action", "comment.reply")
        .put("threadId", threadId).put("text", "one too many")));
    assertEquals(CommentLimits.MAX_COMMENTS_PER_THREAD, threads(docId).getJsonObject(0).getJsonArray("comments").size());
  }

  @Test
  void aDocumentHoldsAtMostItsThreads() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner").await(10, TimeUnit.SECONDS);
    List<Future<JsonObject>> made = new ArrayList<>();
    for (int i = 0; i < CommentLimits.MAX_THREADS; i++) {
      made.add(send(docId, createBody("t" + i)));
    }
    Future.all(made).await(120, TimeUnit.SECONDS);
    assertRefused(ErrorCode.TOO_LARGE, send(docId, createBody("one too many")));
    assertEquals(CommentLimits.MAX_THREADS, threads(docId).size());
  }

  /** 10,000 three-byte characters are 30,000 bytes: the document's 4 MiB fill after 139 of them. */
  @Test
  void theCommentsOfADocumentAreCappedInBytes() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner").await(10, TimeUnit.SECONDS);
    String heavy = "€".repeat(CommentLimits.MAX_TEXT_CHARS);
    long each = CommentLimits.bytes(heavy);
    long fit = CommentLimits.MAX_DOC_TEXT_BYTES / each;
    for (int i = 0; i < fit; i++) {
      create(docId, heavy);
    }
    assertRefused(ErrorCode.TOO_LARGE, send(docId, createBody(heavy)));
    String threadId = threads(docId).getJsonObject(0).getString("id");
    assertRefused(ErrorCode.TOO_LARGE, send(docId, new JsonObject().put("action", "comment.reply")
        .put("threadId", threadId).put("text", heavy)));
    assertEquals(fit, threads(docId).size());
    // a short one still fits in what is left
    assertTrue(CommentLimits.MAX_DOC_TEXT_BYTES - fit * each > 10);
    create(docId, "short");
  }

  private static JsonObject createBody(String text) {
    return new JsonObject().put("action", "comment.create").put("rev", 0).put("index", 0).put("length", 1)
        .put("text", text);
  }

  private static JsonObject create(String docId, String text) throws Exception {
    return send(docId, createBody(text)).await(10, TimeUnit.SECONDS);
  }

  private static JsonArray threads(String docId) throws Exception {
    return send(docId, new JsonObject().put("action", "comments")).await(10, TimeUnit.SECONDS).getJsonArray("threads");
  }

  private static Future<JsonObject> send(String docId, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(30_000)
        .addHeader(Addresses.HEADER_USER_ID, "filler").addHeader(Addresses.HEADER_ROLE, "commenter")
        .addHeader(Addresses.HEADER_USER_NAME, "Filler");
    return Fixture.onLoop(node.vertx(), () -> new DocumentClient(node.vertx()).request(docId, body, options)
        .map(m -> (JsonObject) m.body()));
  }

  private static void assertRefused(ErrorCode code, Future<JsonObject> request) throws Exception {
    try {
      request.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      assertEquals(code, Failures.codeOf(e), e.toString());
      return;
    }
    throw new AssertionError("expected " + code);
  }
}
