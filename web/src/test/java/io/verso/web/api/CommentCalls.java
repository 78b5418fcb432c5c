package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** What the comment API tests do again and again: an owner's op straight to the sequencer, a thread over HTTP. */
final class CommentCalls {
  private CommentCalls() {}

  /** Submits {@code ops} as the owner under one client id per document (seq 1, 2, … in the caller's order). */
  static void submit(Vertx vertx, String ownerId, String docId, long seq, long baseRev, JsonArray ops) {
    await(new DocumentClient(vertx).request(docId, new JsonObject().put("action", "submit")
            .put("clientId", "comment-calls-" + docId).put("seq", seq).put("baseRev", baseRev).put("ops", ops),
        new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, ownerId).addHeader(Addresses.HEADER_ROLE, "owner")));
  }

  /** A new thread by {@code c} on {@code [index, index+length)} of revision {@code rev}; its id (201 asserted). */
  static String create(CookieClient c, String base, long rev, int index, int length, String text) {
    HttpResponse<String> r = c.post(base + "/comments", new JsonObject().put("rev", rev).put("index", index)
        .put("length", length).put("text", text).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }
}
