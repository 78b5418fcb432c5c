package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.e2e.FullStack;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A socket holds no more rights than its user has now: it ends when its access token expires (4 s
 * tokens here; the app refreshes and reconnects), and a registration whose role answer was overtaken
 * by the user's removal is refused, not added with the stale role.
 */
class SocketRightsTest extends WithBridgeStack {
  private String bobId;

  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject(), new JsonObject().put("auth.accessTtlSeconds", 4));
  }

  @BeforeAll
  void bobsId() {
    bobId = new JsonObject(bob.get("/api/me").body()).getString("id");
  }

  private String newDoc() {
    assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    return new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
  }

  @Test
  void aSocketEndsWhenItsAccessTokenExpiresAndTheRefreshedCookieOpensTheNextOne() throws Exception {
    String docId = newDoc();
    assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    long issued = System.nanoTime();
    try (BridgeSocket s = socket(alice)) {
      assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
      while (!s.closed.isDone() && System.nanoTime() - issued < TimeUnit.SECONDS.toNanos(10)) {
        s.send(new JsonObject().put("type", "ping")); // an active socket: not the idle timeout
        Thread.sleep(250);
      }
      assertThat(s.closed).as("closed within 10 s of a 4 s token").isDone();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - issued);
      assertThat(ms).as("closed after %d ms", ms).isBetween(2_500L, 7_000L);
      JsonObject err = s.next(f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).isEqualTo(401);
      assertThat(err.containsKey("address")).isFalse();
    }
    // the app's way back: refresh once, reconnect
    try (BridgeSocket stale = socket(alice)) {
      assertThat(stale.next(f -> "err".equals(f.getString("type"))).getInteger("failureCode")).isEqualTo(401);
    }
    assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    try (BridgeSocket fresh = socket(alice)) {
      assertThat(fresh.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getString("type")).isEqualTo("rec");
    }
    assertThat(stack.onWebContext(() -> stack.web.bridge().sessions().closed(BridgeSession.CloseReason.EXPIRED))).isPositive();
  }

  /**
   * A socket may read a document's comments but never change them: a comment carries its author's
   * name, which only the HTTP API stamps from the verified user, so no frame can choose it.
   */
  @Test
  void aSocketReadsCommentsButCannotChangeThem() throws Exception {
    String docId = newDoc();
    try (BridgeSocket s = socket(alice)) {
      JsonObject list = s.request(Addresses.doc(docId), new JsonObject().put("action", "comments"));
      assertThat(list.getString("type")).as(list.encode()).isEqualTo("rec");
      assertThat(list.getJsonObject("body").getJsonArray("threads")).isEmpty();
      for (String action : new String[] {"comment.create", "comment.reply", "comment.resolve", "comment.edit", "comment.delete"}) {
        JsonObject refused = s.request(Addresses.doc(docId), new JsonObject().put("action", action).put("rev", 0)
            .put("index", 0).put("length", 1).put("text", "from a frame").put("threadId", "AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(refused.getInteger("failureCode")).as(action + ": " + refused.encode()).isEqualTo(403);
      }
      JsonObject after = s.request(Addresses.doc(docId), new JsonObject().put("action", "comments"));
      assertThat(after.getJsonObject("body").getJsonArray("threads")).isEmpty();
    }
  }

  /**
   * The race made deterministic: the answer to the socket's role question ("editor") is held on the
   * event bus until the removal of the user has been published and applied by the bridge; then it is
   * let through. The registration must be refused, and the socket must not get the document's events.
   */
  @Test
  void aRegistrationWhoseRoleAnswerWasOvertakenByARemovalIsRefused() throws Exception {
    String docId = newDoc();
    String events = Addresses.docEvents(docId);
    assertThat(alice.put("/api/docs/" + docId + "/members/bob", "{\"role\":\"editor\"}").statusCode()).isEqualTo(200);
    assertThat(bob.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
    assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);

    java.util.concurrent.atomic.AtomicReference<String> roleReplyAddress = new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<DeliveryContext<Object>> heldReply = new CompletableFuture<>();
    Handler<DeliveryContext<Object>> holder = dc -> {
      var m = dc.message();
      if (Addresses.AUTH_ROLE.equals(m.address()) && m.body() instanceof JsonObject b
          && docId.equals(b.getString("docId")) && bobId.equals(b.getString("userId"))) {
        roleReplyAddress.set(m.replyAddress());
        dc.next();
      } else if (m.address().equals(roleReplyAddress.get()) && !heldReply.isDone()) {
        heldReply.complete(dc); // the answer ("editor") waits here
      } else {
        dc.next();
      }
    };
    stack.vertx.eventBus().addInboundInterceptor(holder);
    try (BridgeSocket bobSocket = socket(bob); BridgeSocket aliceSocket = socket(alice)) {
      aliceSocket.register(events);
      long rev = aliceSocket.request(Addresses.doc(docId), new JsonObject().put("action", "open"))
          .getJsonObject("body").getLong("rev");

      bobSocket.register(events);
      DeliveryContext<Object> held = heldReply.get(10, TimeUnit.SECONDS);
      assertThat(((JsonObject) held.message().body()).getString("role")).isEqualTo("editor");

      assertThat(alice.delete("/api/docs/" + docId + "/members/bob").statusCode()).isEqualTo(204);
      stack.onWebContext(() -> null); // the removal event has been applied by the bridge
      stack.onWebContext(() -> {
        held.next(); // the stale answer arrives now
        return null;
      });

      JsonObject refused = bobSocket.next(f -> events.equals(f.getString("address")));
      assertThat(refused.getString("type")).as(refused.encode()).isEqualTo("err");
      assertThat(refused.getInteger("failureCode")).isEqualTo(403);

      // Alice edits: her own event comes, and Bob's socket, asked afterwards, has seen none of it.
      JsonObject submit = aliceSocket.request(Addresses.doc(docId), new JsonObject().put("action", "submit")
          .put("clientId", "alice-race-client-01").put("seq", 1).put("baseRev", rev)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "for members only"))));
      assertThat(submit.getString("type")).as(submit.encode()).isEqualTo("rec");
      aliceSocket.next(f -> events.equals(f.getString("address")) && f.getJsonObject("body") != null
          && "op".equals(f.getJsonObject("body").getString("type")));
      assertThat(bobSocket.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getInteger("failureCode"))
          .isEqualTo(403);
      assertThat(bobSocket.received(f -> f.encode().contains("for members only"))).isFalse();
      assertThat(stack.onWebContext(() -> stack.web.bridge().sessions().registrationsByAddress().getOrDefault(events, 0))).isEqualTo(1);
    } finally {
      stack.vertx.eventBus().removeInboundInterceptor(holder);
    }
  }
}
