package io.verso.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose reply never comes (the server took the frame and went silent) fails with 503
 * after the client's request timeout, so its caller can resend instead of waiting forever; a reply
 * in time is unaffected.
 */
class BridgeClientTimeoutTest {
  private Vertx vertx;
  private HttpServer server;
  /** What the fake bridge does with a frame: nothing (silent) or answer it. */
  private volatile boolean answer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if (answer && "send".equals(frame.getString("type"))) {
        ws.writeTextMessage(new JsonObject().put("type", "rec").put("address", frame.getString("replyAddress"))
            .put("body", new JsonObject().put("ok", true)).encode());
      }
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestWithoutReplyFailsWith503AfterTheTimeout() throws Exception {
    BridgeClient client = connect();
    client.requestTimeout(300);
    long start = System.nanoTime();
    Future<JsonObject> lost = onContext(() -> client.request("doc.x", new JsonObject().put("action", "catchup")));
    Throwable failure = null;
    try {
      lost.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      failure = e;
    }
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(failure != null, "a request nobody answers must fail");
    assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(failure));
    assertTrue(waitedMs >= 300, "not before the timeout: " + waitedMs + " ms");
    assertTrue(waitedMs < 5_000, "by the client's own timeout (one sweep a second), not the test's: " + waitedMs + " ms");
    assertFalse(client.closeFuture().isComplete(), "the connection itself stays open");

    answer = true;
    JsonObject reply = onContext(() -> client.request("doc.x", new JsonObject())).await(10, TimeUnit.SECONDS);
    assertEquals(true, reply.getBoolean("ok"));
  }

  @Test
  void aRequestAnsweredInTimeIsNotFailedLater() throws Exception {
    answer = true;
    BridgeClient client = connect();
    client.requestTimeout(300);
    Future<JsonObject> answered = onContext(() -> client.request("doc.x", new JsonObject()));
    assertEquals(true, answered.await(10, TimeUnit.SECONDS).getBoolean("ok"));
    Thread.sleep(1_500); // past the timeout and at least one sweep: the completed request stays completed
    assertTrue(answered.succeeded());
  }

  private BridgeClient connect() throws Exception {
    return onContext(() -> BridgeClient.webSocket(vertx, "127.0.0.1", server.actualPort(), null))
        .await(10, TimeUnit.SECONDS);
  }

  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> task) {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> task.get().onComplete(p));
    return p.future();
  }
}
