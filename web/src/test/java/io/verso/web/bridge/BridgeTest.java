package io.verso.web.bridge;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.client.BridgeClient;
import io.verso.web.api.CookieClient;
import io.verso.web.e2e.FullStack;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SockJS bridge over a raw WebSocket against the real stack: authentication, deny by default, roles, fan-out cost. */
class BridgeTest extends WithBridgeStack {
  private String docId;

  @Override
  FullStack startStack() {
    // compression on (off by default) for eventsReachACompressingSocketWholeAndInOrder; the JDK's client never asks for it
    return new FullStack(new JsonObject().put("bridge", new JsonObject().put("maxMessageBytes", 64 * 1024))
        .put("http.webSocketCompressionLevel", 1));
  }

  @BeforeAll
  void newDoc() {
    docId = new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
  }

  private <T> T onContext(Callable<T> what) {
    return await(stack.vertx.getOrCreateContext().executeBlocking(what));
  }

  @Test
  void aSocketWithoutCookieIsRefused() throws Exception {
    try (BridgeSocket s = new BridgeSocket(port, null, null)) {
      JsonObject err = s.next(f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).isEqualTo(401);
      assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void aForeignOriginIsRefusedAtTheHandshake() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new BridgeSocket(port, "verso_at=" + alice.cookie("verso_at"), "http://evil.example"))
        .rootCause().hasMessageContaining("403");
  }

  @Test
  void ownerOpensSubmitsAndReceivesTheEvent() {
    try (BridgeSocket s = socket(alice)) {
      s.register(Addresses.docEvents(docId));
      JsonObject open = s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
      assertThat(open.getString("type")).isEqualTo("rec");
      long rev = open.getJsonObject("body").getLong("rev");
      JsonObject submit = s.request(Addresses.doc(docId), new JsonObject().put("action", "submit")
          .put("clientId", "owner-client-0000001").put("seq", 1).put("baseRev", rev)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "hello"))).put("userId", "forged"));
      assertThat(submit.getString("type")).as(submit.encode()).isEqualTo("rec");
      JsonObject event = s.next(f -> {
        return Addresses.docEvents(docId).equals(f.getString("address"));
      });
      assertThat(event.getJsonObject("body").getLong("rev")).isEqualTo(rev + 1);
      assertThat(event.getJsonObject("body").getString("userId")).isNotEqualTo("forged");
    }
  }

  /**
   * A restore's client id would make history show a socket's edit as a restore: only the history
   * service may submit under it, and a frame's own headers claiming that origin change nothing.
   */
  @Test
  void aSocketCannotSubmitUnderARestoreClientId() {
    try (BridgeSocket s = socket(alice)) {
      long rev = s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getJsonObject("body").getLong("rev");
      JsonObject op = new JsonObject().put("action", "submit").put("clientId", RestoreIds.clientId(0)).put("seq", 1)
          .put("baseRev", rev).put("ops", new JsonArray().add(new JsonObject().put("insert", "x")));
      s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "forged")
          .put("headers", new JsonObject().put(Addresses.HEADER_ORIGIN, Addresses.ORIGIN_HISTORY)).put("body", op));
      assertThat(s.next(f -> "forged".equals(f.getString("address"))).getInteger("failureCode")).isEqualTo(403);
      assertThat(s.request(Addresses.doc(docId), op.copy().put("clientId", "restore-0123456789abcdef")).getInteger("failureCode"))
          .isEqualTo(403);
      assertThat(s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getJsonObject("body").getLong("rev"))
          .as("nothing committed").isEqualTo(rev);
    }
  }

  @Test
  void aSubmitAckedByItsEventGetsNoReplyButFailuresAndDuplicatesStillComeBack() {
    try (BridgeSocket s = socket(alice)) {
      String events = Addresses.docEvents(docId);
      s.register(events);
      long rev = s.request(Addresses.doc(docId), new JsonObject().put("action", "open")).getJsonObject("body").getLong("rev");
      String clientId = "ack-by-event-client-01";
      JsonObject op = new JsonObject().put("action", "submit").put("clientId", clientId).put("seq", 1).put("baseRev", rev)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "x"))).put("ack", "event");
      s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "ack1").put("body", op));
      JsonObject event = s.next(f -> events.equals(f.getString("address"))
          && clientId.equals(f.getJsonObject("body").getString("clientId"))).getJsonObject("body");
      assertThat(event.getLong("seq")).isEqualTo(1);
      assertThat(event.getLong("rev")).isEqualTo(rev + 1);
      assertThat(event.containsKey("ack")).isFalse();
      // the same op again (a resend): the duplicate answer still comes, with the original revision
      s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "ack2")
          .put("body", op.copy()));
      JsonObject duplicate = s.next(f -> "ack2".equals(f.getString("address")));
      assertThat(duplicate.getJsonObject("body").getBoolean("duplicate")).as(duplicate.encode()).isTrue();
      assertThat(duplicate.getJsonObject("body").getLong("rev")).isEqualTo(rev + 1);
      // a failure comes back as before
      s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "ack3")
          .put("body", op.copy().put("seq", 2).put("baseRev", rev + 100)));
      assertThat(s.next(f -> "ack3".equals(f.getString("address"))).getInteger("failureCode")).isEqualTo(409);
      // anything else than reply/event, or event on another action: 400
      JsonObject bogus = s.request(Addresses.doc(docId), op.copy().put("seq", 2).put("ack", "never"));
      assertThat(bogus.getInteger("failureCode")).isEqualTo(400);
      JsonObject openByEvent = s.request(Addresses.doc(docId), new JsonObject().put("action", "open").put("ack", "event"));
      assertThat(openByEvent.getInteger("failureCode")).isEqualTo(400);
      // "reply" is the default, spelled out
      JsonObject replied = s.request(Addresses.doc(docId), op.copy().put("seq", 2).put("baseRev", rev + 1).put("ack", "reply"));
      assertThat(replied.getJsonObject("body").getLong("rev")).as(replied.encode()).isEqualTo(rev + 2);
      // the committed op acked by its event never got a reply frame (it would have come before these answers)
      assertThat(s.received(f -> "ack1".equals(f.getString("address")))).isFalse();
    }
  }

  @Test
  void deniedByDefault() {
    try (BridgeSocket s = socket(alice)) {
      JsonObject internal = s.request(Addresses.STORAGE_DOC_LIST, new JsonObject());
      assertThat(internal.getInteger("failureCode")).isEqualTo(403);
      s.send(new JsonObject().put("type", "register").put("address", Addresses.AUTH_SESSION_REVOKED));
      JsonObject reg = s.next(f -> Addresses.AUTH_SESSION_REVOKED.equals(f.getString("address")));
      assertThat(reg.getInteger("failureCode")).isEqualTo(403);
      s.send(new JsonObject().put("type", "publish").put("address", Addresses.docEvents(docId)).put("replyAddress", "p1")
          .put("body", new JsonObject()));
      assertThat(s.next(f -> "p1".equals(f.getString("address"))).getInteger("failureCode")).isEqualTo(403);
      JsonObject touch = s.request(Addresses.doc(docId), new JsonObject().put("action", "touch"));
      assertThat(touch.getInteger("failureCode")).isEqualTo(403);
    }
  }

  @Test
  void framesThatAreNotJsonObjectsGetA400AndTheSocketGoesOn() {
    try (BridgeSocket s = socket(alice)) {
      for (String text : java.util.List.of("null", "[1,2]", "42", "\"text\"", "{\"type\":", "not json", "true",
          "[".repeat(5_000) + "]".repeat(5_000))) {
        s.sendText(text);
        JsonObject err = s.next(f -> "err".equals(f.getString("type")) && f.getString("address") == null);
        assertThat(err.getInteger("failureCode")).as(text).isEqualTo(400);
        assertThat(err.getString("message")).as(text).isEqualTo("frame is not a JSON object");
      }
      JsonObject open = s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
      assertThat(open.getString("type")).isEqualTo("rec");
      assertThat(open.getJsonObject("body").getLong("rev")).isNotNull();
    }
  }

  @Test
  void nonMembersAndViewersCannotWriteAndRoleChangesApplyAtOnce() {
    String other = new JsonObject(alice.post("/api/docs", "{\"title\":\"v\"}").body()).getString("id");
    try (BridgeSocket s = socket(bob)) {
      assertThat(s.request(Addresses.doc(other), new JsonObject().put("action", "open")).getInteger("failureCode"))
          .isEqualTo(403);
      s.register(Addresses.docEvents(other));
      assertThat(s.next(f -> Addresses.docEvents(other).equals(f.getString("address"))).getInteger("failureCode"))
          .isEqualTo(403);

      assertThat(alice.put("/api/docs/" + other + "/members/bob", "{\"role\":\"viewer\"}").statusCode()).isEqualTo(200);
      s.register(Addresses.docEvents(other));
      JsonObject open = s.request(Addresses.doc(other), new JsonObject().put("action", "open"));
      assertThat(open.getJsonObject("body").getString("role")).isEqualTo("viewer");
      long rev = open.getJsonObject("body").getLong("rev");
      JsonObject submit = s.request(Addresses.doc(other), new JsonObject().put("action", "submit")
          .put("clientId", "viewer-client-000001").put("seq", 1).put("baseRev", rev)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "x"))));
      assertThat(submit.getInteger("failureCode")).isEqualTo(403);
      assertThat(stack.open(other, "x").getLong("rev")).isEqualTo(rev);

      // Promoted: the open socket may now edit, without reconnecting.
      assertThat(alice.put("/api/docs/" + other + "/members/bob", "{\"role\":\"editor\"}").statusCode()).isEqualTo(200);
      JsonObject roleEvent = s.next(f -> Addresses.docEvents(other).equals(f.getString("address"))
          && f.getJsonObject("body") != null && "role".equals(f.getJsonObject("body").getString("type")));
      assertThat(roleEvent.getJsonObject("body").getString("role")).isEqualTo("editor");
      JsonObject ok = s.request(Addresses.doc(other), new JsonObject().put("action", "submit")
          .put("clientId", "viewer-client-000001").put("seq", 1).put("baseRev", rev)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "x"))));
      assertThat(ok.getString("type")).as(ok.encode()).isEqualTo("rec");

      // Removed: the registration is dropped at once and further sends are refused.
      assertThat(alice.delete("/api/docs/" + other + "/members/bob").statusCode()).isEqualTo(204);
      JsonObject removed = s.next(f -> Addresses.docEvents(other).equals(f.getString("address")) && "err".equals(f.getString("type")));
      assertThat(removed.getInteger("failureCode")).isEqualTo(403);
      assertThat(s.request(Addresses.doc(other), new JsonObject().put("action", "open")).getInteger("failureCode"))
          .isEqualTo(403);
    }
  }

  @Test
  void aRenameReachesTheSocketsWatchingTheDocumentOnly() {
    String renamed = new JsonObject(alice.post("/api/docs", "{\"title\":\"before\"}").body()).getString("id");
    String watched = Addresses.docEvents(renamed);
    try (BridgeSocket watcher = socket(alice); BridgeSocket elsewhere = socket(alice)) {
      watcher.register(watched);
      watcher.request(Addresses.doc(renamed), new JsonObject().put("action", "open")); // frames wait for the registration
      elsewhere.register(Addresses.docEvents(docId));
      elsewhere.request(Addresses.doc(docId), new JsonObject().put("action", "open"));

      assertThat(alice.patch("/api/docs/" + renamed, "{\"title\":\"  after  \"}").statusCode()).isEqualTo(200);
      JsonObject event = watcher.next(f -> watched.equals(f.getString("address")) && f.getJsonObject("body") != null
          && "title".equals(f.getJsonObject("body").getString("type")));
      assertThat(event.getJsonObject("body").getString("title")).isEqualTo("after");
      assertThat(stack.open(renamed, "x").getString("title")).isEqualTo("after");

      // The socket watching another document got nothing: the next frame it sees is the answer to a
      // request sent after the watcher had its event.
      elsewhere.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "after-rename")
          .put("body", new JsonObject().put("action", "open")));
      JsonObject next = elsewhere.next(f -> true);
      assertThat(next.getString("address")).as(next.encode()).isEqualTo("after-rename");
    }
  }

  @Test
  void oversizedFramesCloseTheSocket() throws Exception {
    try (BridgeSocket s = socket(alice)) {
      s.send(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("body",
          new JsonObject().put("pad", "x".repeat(70 * 1024))));
      assertThat(s.next(f -> "err".equals(f.getString("type"))).getInteger("failureCode")).isEqualTo(413);
      assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  /** A binary message is a frame like a text one: read as such, and under the same size limit. */
  @Test
  void binaryMessagesAreFramesUnderTheSameLimits() throws Exception {
    try (BridgeSocket s = socket(alice)) {
      s.sendBinary(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", "bin")
          .put("body", new JsonObject().put("action", "open")).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(s.next(f -> "bin".equals(f.getString("address"))).getString("type")).isEqualTo("rec");
      s.sendBinary(new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("body",
          new JsonObject().put("pad", "x".repeat(70 * 1024))).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(s.next(f -> "err".equals(f.getString("type"))).getInteger("failureCode")).isEqualTo(413);
      assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void logoutClosesTheSessionsSockets() throws Exception {
    CookieClient carol = user("carol");
    try (BridgeSocket s = socket(carol)) {
      s.request(Addresses.doc(docId), new JsonObject().put("action", "open")); // identity settled
      assertThat(carol.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
      JsonObject err = s.next(f -> "err".equals(f.getString("type")) && f.getInteger("failureCode") == 401);
      assertThat(err.getString("message")).contains("revoked");
      assertThat(s.closed.get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  /** The app is served from the jar; only content-hashed assets may be cached. */
  @Test
  void onlyHashedAssetsAreCacheable() {
    var index = alice.get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(index.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    java.util.regex.Matcher js = java.util.regex.Pattern.compile("/assets/(app-[A-Z0-9]+\\.js)").matcher(index.body());
    assertThat(js.find()).as(index.body()).isTrue();
    var asset = alice.get("/assets/" + js.group(1));
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(alice.get("/assets/app-NOSUCHFILE.js").headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(alice.get("/api/me").headers().firstValue("Cache-Control")).hasValue("no-store");
    // SockJS's iframe page (which would load the client library from a CDN) is not served; JSONP is off.
    assertThat(alice.get("/eventbus/iframe.html").statusCode()).isEqualTo(404);
    assertThat(alice.get("/eventbus/iframe-abc.html").statusCode()).isEqualTo(404);
    assertThat(alice.get("/eventbus/info").statusCode()).isEqualTo(200);
    assertThat(alice.get("/eventbus/000/abcdefgh/jsonp?c=alert").statusCode()).isEqualTo(404);
  }

  /** The measurement behind the design: N sockets on one document cost one event-bus consumer, not N. */
  @Test
  void manySocketsOnOneDocumentShareOneConsumer() {
    String doc = new JsonObject(alice.post("/api/docs", "{\"title\":\"fan-out\"}").body()).getString("id");
    int n = 25;
    List<BridgeSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        BridgeSocket s = socket(alice);
        s.register(Addresses.docEvents(doc));
        s.request(Addresses.doc(doc), new JsonObject().put("action", "open"));
        sockets.add(s);
      }
      BridgeHub hub = stack.web.bridge().hub();
      int before = onContext(hub::consumerCount);
      assertThat(onContext(hub::subscriptionCount)).isGreaterThanOrEqualTo(n);
      JsonObject submit = sockets.get(0).request(Addresses.doc(doc), new JsonObject().put("action", "submit")
          .put("clientId", "fanout-client-000001").put("seq", 1).put("baseRev", 0)
          .put("ops", new JsonArray().add(new JsonObject().put("insert", "x"))));
      assertThat(submit.getString("type")).isEqualTo("rec");
      for (BridgeSocket s : sockets) {
        s.next(f -> Addresses.docEvents(doc).equals(f.getString("address")));
      }
      System.out.printf("bridge fan-out: %d sockets registered on %s -> %d event-bus consumer(s) for the bridge in total%n",
          n, Addresses.docEvents(doc), before);
      // one consumer for this document's events (plus at most those other tests left on their own documents)
      assertThat(before).isLessThanOrEqualTo(3);
    } finally {
      sockets.forEach(BridgeSocket::close);
    }
  }

  /**
   * Messages that reach the node together go out together: one WebSocket message holding an array of
   * frames for a socket that asked for batches, the same frames one by one for one that did not.
   */
  @Test
  void eventsArrivingTogetherAreBatchedForSocketsThatAskForIt() throws Exception {
    String doc = new JsonObject(alice.post("/api/docs", "{\"title\":\"batches\"}").body()).getString("id");
    String events = Addresses.docEvents(doc);
    try (BridgeSocket batched = new BridgeSocket(port, "verso_at=" + alice.cookie("verso_at"), alice.origin(), true);
         BridgeSocket plain = socket(alice)) {
      for (BridgeSocket s : List.of(batched, plain)) {
        s.register(events);
        s.request(Addresses.doc(doc), new JsonObject().put("action", "open")); // registered once this is answered
      }
      int batchedBefore = batched.messages.get();
      int plainBefore = plain.messages.get();
      int n = 20;
      // published in one task of the hub's own event loop: all n arrive before the flush they trigger
      // (from another thread, the loop may flush between arrivals when the machine is busy)
      stack.onWebContext(() -> {
        for (int i = 1; i <= n; i++) {
          stack.vertx.eventBus().publish(events, new JsonObject().put("type", "probe").put("i", i));
        }
        return null;
      });
      for (BridgeSocket s : List.of(batched, plain)) {
        for (int i = 1; i <= n; i++) {
          int expected = i;
          JsonObject f = s.next(x -> events.equals(x.getString("address")));
          assertThat(f.getJsonObject("body").getInteger("i")).as("frames in order").isEqualTo(expected);
        }
      }
      assertThat(plain.messages.get() - plainBefore).isEqualTo(n);
      assertThat(plain.batches.get()).isZero();
      assertThat(batched.batches.get()).isGreaterThanOrEqualTo(1);
      assertThat(batched.messages.get() - batchedBefore).as("WebSocket messages for %d frames", n).isLessThan(n / 2);
    }
  }

  /**
   * With the permessage-deflate every browser offers (taken when configured): the frames written straight
   * from the bytes the hub encoded once go through each socket's compression and arrive whole, in order,
   * one bridge frame per message.
   */
  @Test
  void eventsReachACompressingSocketWholeAndInOrder() throws Exception {
    String doc = new JsonObject(alice.post("/api/docs", "{\"title\":\"deflate\"}").body()).getString("id");
    String events = Addresses.docEvents(doc);
    WebSocketClient client = stack.vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true));
    try {
      WebSocket ws = await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
          .setURI("/eventbus/websocket").setAllowOriginHeader(false)
          .addHeader("Cookie", accessCookie(alice)).addHeader("Origin", alice.origin())));
      assertThat(ws.headers().get("Sec-WebSocket-Extensions")).contains("permessage-deflate");
      BlockingQueue<String> messages = new LinkedBlockingQueue<>();
      ws.textMessageHandler(messages::add);
      ws.binaryMessageHandler(b -> messages.add("binary " + b));
      ws.writeTextMessage(new JsonObject().put("type", "register").put("address", events).encode());
      ws.writeTextMessage(new JsonObject().put("type", "send").put("address", Addresses.doc(doc)).put("replyAddress", "opened")
          .put("body", new JsonObject().put("action", "open")).encode());
      assertThat(new JsonObject(messages.poll(20, TimeUnit.SECONDS)).getString("address")).isEqualTo("opened");
      int n = 20;
      stack.onWebContext(() -> {
        for (int i = 1; i <= n; i++) {
          stack.vertx.eventBus().publish(events, new JsonObject().put("type", "probe").put("i", i).put("pad", "ab".repeat(i * 50)));
        }
        return null;
      });
      for (int i = 1; i <= n; i++) {
        String m = messages.poll(20, TimeUnit.SECONDS);
        assertThat(m).as("message %d", i).isNotNull().startsWith("{");
        JsonObject f = new JsonObject(m);
        assertThat(f.getString("address")).isEqualTo(events);
        assertThat(f.getJsonObject("body").getInteger("i")).isEqualTo(i);
        assertThat(f.getJsonObject("body").getString("pad")).isEqualTo("ab".repeat(i * 50));
      }
      ws.close();
    } finally {
      client.close();
    }
  }

  /** A registration the bridge refuses reaches the caller's failure callback, with its code. */
  @Test
  void aBridgeClientHearsWhenItsRegistrationIsRefused() throws Exception {
    Context ctx = stack.vertx.getOrCreateContext();
    CompletableFuture<VersoException> refused = new CompletableFuture<>();
    CompletableFuture<BridgeClient> made = new CompletableFuture<>();
    String other = new JsonObject(alice.post("/api/docs", "{\"title\":\"alice only\"}").body()).getString("id");
    ctx.runOnContext(v -> BridgeClient.webSocket(stack.vertx, "localhost", port,
        "verso_at=" + bob.cookie("verso_at")).onSuccess(c -> {
          made.complete(c);
          c.register(Addresses.docEvents(other), m -> { }, refused::complete);
        }).onFailure(made::completeExceptionally));
    BridgeClient client = made.get(10, TimeUnit.SECONDS);
    try {
      assertThat(refused.get(10, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.FORBIDDEN);
    } finally {
      ctx.runOnContext(v -> client.close());
    }
  }

  /**
   * A bridge client whose only reference is held by its user keeps its connection through garbage
   * collections (Vert.x closes a client's connections 30 s after the client object itself is collected).
   */
  @Test
  void aBridgeClientSurvivesGarbageCollection() throws Exception {
    io.vertx.core.Context ctx = stack.vertx.getOrCreateContext();
    java.util.concurrent.CompletableFuture<io.verso.client.BridgeClient> made = new java.util.concurrent.CompletableFuture<>();
    ctx.runOnContext(v -> io.verso.client.BridgeClient.webSocket(stack.vertx, "localhost", port,
        "verso_at=" + alice.cookie("verso_at")).onComplete(ar -> {
          if (ar.succeeded()) {
            made.complete(ar.result());
          } else {
            made.completeExceptionally(ar.cause());
          }
        }));
    io.verso.client.BridgeClient client = made.get(10, TimeUnit.SECONDS);
    // Vert.x gives a collected client's connections a 30 s grace period before it closes them
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(32);
    while (System.nanoTime() < until) {
      System.gc();
      Thread.sleep(1000);
    }
    java.util.concurrent.CompletableFuture<JsonObject> reply = new java.util.concurrent.CompletableFuture<>();
    ctx.runOnContext(v -> client.request(Addresses.doc(docId), new JsonObject().put("action", "open"))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            reply.complete(ar.result());
          } else {
            reply.completeExceptionally(ar.cause());
          }
        }));
    assertThat(reply.get(10, TimeUnit.SECONDS).getLong("rev")).isNotNull();
    assertThat(client.closeFuture().isComplete()).isFalse();
    client.close();
  }
}
