package io.verso.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java editor against a fake bridge that answers {@code open} at rev 0 and serves catch-ups from a log. */
class BridgeEditorFakeBridgeTest {
  private static final String EVENTS = "doc.d1.events";

  private Vertx vertx;
  private HttpServer server;
  private final Promise<ServerWebSocket> registered = Promise.promise();
  private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  /** Registrations on the events the fake fails (503) before it accepts one. */
  private volatile int registrationsToFail;
  /** How long the fake takes to answer a request. */
  private volatile long openDelayMs = 1;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(uncaught::add);
    server = vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("register".equals(frame.getString("type")) && EVENTS.equals(frame.getString("address"))) {
        if (registrationsToFail > 0) {
          registrationsToFail--;
          ws.writeTextMessage(new JsonObject().put("type", "err").put("address", EVENTS).put("failureCode", 503)
              .put("message", "role lookup timed out").encode());
          return;
        }
        registered.tryComplete(ws);
      } else if ("send".equals(frame.getString("type")) && frame.getString("replyAddress") != null) {
        JsonObject body = frame.getJsonObject("body");
        vertx.setTimer(openDelayMs, t -> ws.writeTextMessage(rec(frame.getString("replyAddress"), "catchup".equals(body.getString("action"))
            ? catchupPage(body.getLong("fromRev"))
            : new JsonObject().put("rev", 0).put("content", new JsonArray().add(new JsonObject().put("insert", "\n")))
                .put("title", "t").put("role", "editor"))));
      }
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Committed ops for catch-ups, answered two at a time with "more" like the sequencer's pages. */
  private final List<JsonObject> log = new CopyOnWriteArrayList<>();

  private JsonObject catchupPage(long fromRev) {
    JsonArray events = new JsonArray();
    log.stream().filter(e -> e.getLong("rev") > fromRev).limit(2).forEach(events::add);
    long last = events.isEmpty() ? fromRev : events.getJsonObject(events.size() - 1).getLong("rev");
    JsonObject page = new JsonObject().put("events", events);
    return last < log.size() ? page.put("more", true) : page;
  }

  private static JsonObject op(long rev, String text) {
    return new JsonObject().put("type", "op").put("rev", rev).put("ops", new JsonArray().add(new JsonObject().put("insert", text)))
        .put("clientId", "someone-else-0001").put("seq", rev).put("userId", "u").put("ts", 0);
  }

  private static String rec(String address, JsonObject body) {
    return new JsonObject().put("type", "rec").put("address", address).put("body", body).encode();
  }

  private BridgeEditor openEditor() throws Exception {
    BridgeClient client = onContext(() -> BridgeClient.webSocket(vertx, "127.0.0.1", server.actualPort(), null))
        .await(10, TimeUnit.SECONDS);
    BridgeEditor editor = new BridgeEditor(vertx, client, "d1", "client-under-test-0001");
    onContext(editor::open).await(10, TimeUnit.SECONDS);
    return editor;
  }

  /** A catch-up goes on over every page the server has: one page would leave a resent op based too far behind. */
  @Test
  void aCatchUpReadsEveryPage() throws Exception {
    for (int rev = 1; rev <= 5; rev++) {
      log.add(op(rev, "abcde".substring(rev - 1, rev)));
    }
    BridgeEditor editor = openEditor();
    onContext(editor::catchUp).await(10, TimeUnit.SECONDS);
    assertEquals(5, editor.rev());
    assertEquals("edcba\n", editor.text());
  }

  /**
   * The socket-level extension events on {@code doc.<id>.events} ({@code role}, {@code title}) carry
   * no revision and are not ops: the editor skips them, without an exception, and goes on applying ops.
   */
  @Test
  void titleAndRoleEventsAreSkippedAndOpsStillApply() throws Exception {
    BridgeEditor editor = openEditor();
    ServerWebSocket ws = registered.future().await(10, TimeUnit.SECONDS);

    ws.writeTextMessage(rec(EVENTS, new JsonObject().put("type", "title").put("title", "Renamed")));
    ws.writeTextMessage(rec(EVENTS, new JsonObject().put("type", "role").put("role", "viewer")));
    ws.writeTextMessage(rec(EVENTS, new JsonObject().put("type", "op").put("rev", 1)
        .put("ops", new JsonArray().add(new JsonObject().put("insert", "a"))).put("clientId", "someone-else-0001")
        .put("seq", 1).put("userId", "u").put("ts", 0)));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (editor.rev() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, editor.rev());
    assertEquals("a\n", editor.text());
    assertNull(editor.failure());
    assertTrue(uncaught.isEmpty(), "no handler threw: " + uncaught);
  }

  /**
   * A registration failed for a passing reason while the open was still on its way (a busy node): its
   * retry catches up, and with no document yet there is nothing to catch up from — the open brings it.
   */
  @Test
  void aRegistrationRetriedBeforeTheOpenIsAnsweredDoesNotThrow() throws Exception {
    registrationsToFail = 1;
    openDelayMs = 800; // past the retry (BridgeEditor.REGISTER_RETRY_MS)
    BridgeEditor editor = openEditor();
    registered.future().await(10, TimeUnit.SECONDS);
    assertEquals(0, editor.rev());
    assertTrue(uncaught.isEmpty(), "no handler threw: " + uncaught);
  }

  private <T> Future<T> onContext(Supplier<Future<T>> task) {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> task.get().onComplete(p));
    return p.future();
  }
}
