package io.verso.web.bridge;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket speaking the bridge's JSON frames (what eventbus-bridge-client.js does over SockJS). */
final class BridgeSocket implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  /** WebSocket messages received, and how many of them were arrays of frames (batches). */
  final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
  private final WebSocket ws;
  private final java.util.List<JsonObject> skipped = new java.util.ArrayList<>();
  private int replies;

  BridgeSocket(int port, String cookie, String origin) {
    this(port, cookie, origin, false);
  }

  /** With {@code batch}, asks for batches ({@code ?batch=true}): a message may then be an array of frames. */
  BridgeSocket(int port, String cookie, String origin, boolean batch) {
    this(port, cookie, origin, batch, null);
  }

  /** With {@code forwardedFor}: the X-Forwarded-For a proxy in front would add. */
  BridgeSocket(int port, String cookie, String origin, boolean batch, String forwardedFor) {
    WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    ws = b.buildAsync(URI.create("ws://localhost:" + port + "/eventbus/websocket" + (batch ? "?batch=true" : "")), new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          messages.incrementAndGet();
          String message = text.toString();
          if (message.startsWith("[")) {
            batches.incrementAndGet();
            new io.vertx.core.json.JsonArray(message).forEach(f -> frames.add((JsonObject) f));
          } else {
            frames.add(new JsonObject(message));
          }
          text.setLength(0);
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
      }
    }).join();
  }

  void send(JsonObject frame) {
    sendText(frame.encode());
  }

  /** Any text, JSON or not. */
  void sendText(String text) {
    ws.sendText(text, true).join();
  }

  /** Any bytes, as one binary message. */
  void sendBinary(byte[] bytes) {
    ws.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
  }

  /** Sends a request frame and returns its reply frame (rec or err). */
  JsonObject request(String address, JsonObject body) {
    String reply = "r" + (++replies);
    send(new JsonObject().put("type", "send").put("address", address).put("replyAddress", reply).put("body", body));
    return next(f -> reply.equals(f.getString("address")));
  }

  void register(String address) {
    send(new JsonObject().put("type", "register").put("address", address));
  }

  /** Whether a frame that matches has arrived so far (nothing is waited for; frames stay for later calls). */
  boolean received(java.util.function.Predicate<JsonObject> which) {
    frames.drainTo(skipped);
    return skipped.stream().anyMatch(which);
  }

  /** The first frame (received or still to come) that matches; the frames passed over stay for later calls. */
  JsonObject next(java.util.function.Predicate<JsonObject> which) {
    for (java.util.Iterator<JsonObject> it = skipped.iterator(); it.hasNext(); ) {
      JsonObject f = it.next();
      if (which.test(f)) {
        it.remove();
        return f;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f != null) {
          if (which.test(f)) {
            return f;
          }
          skipped.add(f);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no such frame within 20 s");
  }

  @Override
  public void close() {
    ws.abort();
  }
}
