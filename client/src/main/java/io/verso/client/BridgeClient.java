package io.verso.client;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.TcpFrames;
import io.verso.protocol.VersoException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A client of Verso's event-bus bridges, speaking the standard bridge frames ({@code send},
 * {@code register}, {@code unregister}, {@code ping}; {@code rec}/{@code err} back) over either the
 * browser endpoint's raw WebSocket ({@code /eventbus/websocket?batch=true}: authenticated by the
 * access cookie, several frames may come as one JSON array) or the TCP bridge for services (4-byte
 * big-endian length + JSON, authenticated by the service token in the first frame's headers). Used by the load generator, tests and service integrations.
 *
 * <p>Replies and messages are delivered on the Vert.x context that connected.
 */
public final class BridgeClient {
  /** Frame header carrying the service token on the TCP bridge. */
  public static final String SERVICE_TOKEN_HEADER = io.verso.protocol.Addresses.HEADER_SERVICE_TOKEN;
  /** The largest frame or message accepted from the server. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  /**
   * How long a request waits for its reply by default. The bridge answers every request within its
   * own reply timeout (3 s per attempt, about 15 s while a document is being activated); past this
   * the reply is taken as lost, so that a caller waiting on it (an editor's in-flight op) resends.
   */
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
  private static final long TICK_MS = 1_000;
  private static final int PING_EVERY_TICKS = 5;

  private final Vertx vertx;
  /**
   * The Vert.x client that made the connection. Held for as long as this bridge client lives: Vert.x
   * closes a client, with all its connections, once the client object is garbage-collected.
   */
  private final Object transportClient;
  private final Consumer<Buffer> writer;
  private final Runnable closer;
  private record Waiting(Promise<JsonObject> promise, long deadlineNanos) {}

  private final Map<String, Waiting> pending = new ConcurrentHashMap<>();
  /** Where an address's messages go, and its {@code err} frames (may be null for a registration). */
  private record Route(Handler<JsonObject> messages, Consumer<VersoException> failures) {}

  /** Registered addresses: their messages, and what to do when the bridge refuses or fails the registration. */
  private final Map<String, Route> registrations = new ConcurrentHashMap<>();
  /** Long-lived reply addresses (see {@link #listen}): their replies and failures, without a pending entry. */
  private final Map<String, Route> listeners = new ConcurrentHashMap<>();
  /** Reply addresses are this client's random prefix and a counter (no secure random number per request). */
  private final String replyPrefix = UUID.randomUUID() + ".";
  private final java.util.concurrent.atomic.AtomicLong replies = new java.util.concurrent.atomic.AtomicLong();
  private final Promise<Void> closed = Promise.promise();
  private final String token;
  private final long tickTimer;
  private long ticks;
  private volatile long requestTimeoutNanos = DEFAULT_REQUEST_TIMEOUT_MS * 1_000_000L;
  /** The last failure the server sent outside a request (e.g. why it closes the socket). */
  private volatile VersoException lastError;

  private BridgeClient(Vertx vertx, Object transportClient, Consumer<Buffer> writer, Runnable closer, String token) {
    this.vertx = vertx;
    this.transportClient = transportClient;
    this.writer = writer;
    this.closer = closer;
    this.token = token;
    this.tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
  }

  /** Pings every few seconds (keeps the socket alive), and fails the requests whose reply is overdue. */
  private void tick() {
    if (++ticks % PING_EVERY_TICKS == 0) {
      write(new JsonObject().put("type", "ping"));
    }
    long now = System.nanoTime();
    for (Map.Entry<String, Waiting> e : pending.entrySet()) {
      if (now - e.getValue().deadlineNanos() > 0 && pending.remove(e.getKey(), e.getValue())) {
        e.getValue().promise().tryFail(ErrorCode.UNAVAILABLE.exception("no reply from the bridge: retry"));
      }
    }
  }

  /** How long later requests wait for a reply before failing with 503 (checked once a second). */
  public BridgeClient requestTimeout(long millis) {
    if (millis <= 0) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
    this.requestTimeoutNanos = millis * 1_000_000L;
    return this;
  }

  /** Connects to a browser endpoint, e.g. {@code ws://localhost:8080/eventbus/websocket}, with a cookie header. */
  public static Future<BridgeClient> webSocket(Vertx vertx, String host, int port, String cookie) {
    return webSocket(vertx, host, port, cookie, true);
  }

  /**
   * Connects as above; {@code batches} false connects exactly as the browser app does (one frame per
   * message, no {@code ?batch=true}), for measurements of what browsers cost.
   */
  public static Future<BridgeClient> webSocket(Vertx vertx, String host, int port, String cookie, boolean batches) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port)
        .setURI(batches ? "/eventbus/websocket?batch=true" : "/eventbus/websocket")
        .addHeader("Origin", "http://" + host + ":" + port);
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    // a catch-up after a long disconnection is one large message: the client's default limits (64 KiB
    // frames, 256 KiB messages) would close the socket on it
    WebSocketClientOptions clientOptions = new WebSocketClientOptions()
        .setMaxFrameSize(MAX_MESSAGE_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES);
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    return client.connect(options).map(ws -> {
      BridgeClient c = new BridgeClient(vertx, client, buf -> ws.writeTextMessage(buf.toString()), () -> {
        ws.close();
        client.close();
      }, null);
      ws.textMessageHandler(c::onMessage);
      ws.closeHandler(v -> c.onClose());
      return c;
    }).onFailure(t -> client.close());
  }

  /** Connects to the TCP bridge for services. */
  public static Future<BridgeClient> tcp(Vertx vertx, String host, int port, String serviceToken) {
    return tcp(vertx, new NetClientOptions(), host, port, serviceToken);
  }

  /** Connects to the TCP bridge for services with these options (TLS: {@code setSsl(true)} and the trust options). */
  public static Future<BridgeClient> tcp(Vertx vertx, NetClientOptions options, String host, int port, String serviceToken) {
    NetClient client = vertx.createNetClient(options);
    return client.connect(port, host).map(socket -> {
      BridgeClient c = new BridgeClient(vertx, client, frame -> writeTcp(socket, frame), () -> {
        socket.close();
        client.close();
      }, serviceToken);
      socket.handler(TcpFrames.parser(MAX_MESSAGE_BYTES, frame -> c.onFrame(new JsonObject(frame)),
          badLength -> socket.close()));
      socket.closeHandler(v -> c.onClose());
      return c;
    }).onFailure(t -> client.close());
  }

  private static void writeTcp(NetSocket socket, Buffer json) {
    socket.write(TcpFrames.encode(json));
  }

  /** Request/reply: fails with a {@link VersoException} carrying the bridge's failure code. */
  public Future<JsonObject> request(String address, JsonObject body) {
    if (closed.future().isComplete()) {
      return Future.failedFuture(lastError != null ? lastError
          : ErrorCode.UNAVAILABLE.exception("bridge connection closed"));
    }
    String replyAddress = replyPrefix + replies.incrementAndGet();
    Promise<JsonObject> p = Promise.promise();
    pending.put(replyAddress, new Waiting(p, System.nanoTime() + requestTimeoutNanos));
    write(frame("send", address, body).put("replyAddress", replyAddress));
    return p.future();
  }

  /** One-way send. */
  public void send(String address, JsonObject body) {
    write(frame("send", address, body));
  }

  /**
   * A send whose answers (if any) go to a reply address given to {@link #listen}: for requests
   * answered only when something is wrong, such as a submit acknowledged by its event.
   */
  public void send(String address, JsonObject body, String replyAddress) {
    write(frame("send", address, body).put("replyAddress", replyAddress));
  }

  /**
   * Takes the {@code rec} and {@code err} frames sent to {@code replyAddress} (chosen by the caller,
   * 1..100 of [A-Za-z0-9_.:-]) for as long as this connection lives; no timeout applies.
   */
  public void listen(String replyAddress, Handler<JsonObject> replies, Consumer<VersoException> failures) {
    listeners.put(replyAddress, new Route(replies, failures));
  }

  /** Registers for an address's messages; a refused or failed registration is only remembered as {@link #lastError()}. */
  public void register(String address, Handler<JsonObject> handler) {
    register(address, handler, null);
  }

  /**
   * Registers for an address's messages; {@code failed} (if not null) is called when the bridge
   * answers the registration with an {@code err} (no access, or a lookup that timed out while a
   * node was failing): then no message comes, and the caller decides whether to register again.
   */
  public void register(String address, Handler<JsonObject> handler, Consumer<VersoException> failed) {
    registrations.put(address, new Route(handler, failed));
    write(frame("register", address, null));
  }

  public void unregister(String address) {
    registrations.remove(address);
    write(frame("unregister", address, null));
  }

  /** Requests waiting for their reply now (for diagnostics). */
  public int pendingRequests() {
    return pending.size();
  }

  /** The last failure the server sent outside a request (e.g. why it closed the socket), or null. */
  public VersoException lastError() {
    return lastError;
  }

  /** Completes when the connection is closed (by either side). */
  public Future<Void> closeFuture() {
    return closed.future();
  }

  public void close() {
    closer.run();
  }

  private JsonObject frame(String type, String address, JsonObject body) {
    JsonObject f = new JsonObject().put("type", type).put("address", address);
    if (body != null) {
      f.put("body", body);
    }
    if (token != null) {
      f.put("headers", new JsonObject().put(SERVICE_TOKEN_HEADER, token));
    }
    return f;
  }

  private void write(JsonObject frame) {
    if (!closed.future().isComplete()) {
      writer.accept(frame.toBuffer());
    }
  }

  /** A WebSocket message: one frame, or (we ask for batches) a JSON array of frames in order. */
  private void onMessage(String text) {
    if (!text.isEmpty() && text.charAt(0) == '[') {
      JsonArray frames = new JsonArray(text);
      for (int i = 0; i < frames.size(); i++) {
        onFrame(frames.getJsonObject(i));
      }
    } else {
      onFrame(new JsonObject(text));
    }
  }

  private void onFrame(JsonObject frame) {
    String type = frame.getString("type", "");
    String address = frame.getString("address");
    if ("err".equals(type)) {
      VersoException failure = failure(frame);
      Waiting w = address == null ? null : pending.remove(address);
      Route l = address == null || w != null ? null : listeners.get(address);
      if (w != null) {
        w.promise().tryFail(failure);
      } else if (l != null) {
        l.failures().accept(failure);
      } else {
        lastError = failure;
        Route r = address == null ? null : registrations.get(address);
        if (r != null && r.failures() != null) {
          r.failures().accept(failure);
        }
      }
      return;
    }
    if (!"rec".equals(type) || address == null) {
      return; // pong and unknown frames
    }
    Waiting w = pending.remove(address);
    Object body = frame.getValue("body");
    JsonObject json = body instanceof JsonObject j ? j : new JsonObject().put("value", body);
    if (w != null) {
      w.promise().tryComplete(json);
      return;
    }
    Route r = registrations.get(address);
    if (r == null) {
      r = listeners.get(address);
    }
    if (r != null) {
      r.messages().handle(json);
    }
  }

  private static VersoException failure(JsonObject frame) {
    Object code = frame.getValue("failureCode");
    String message = frame.getString("message", "bridge error");
    return (code instanceof Number n ? ErrorCode.of(n.intValue()) : ErrorCode.UNAVAILABLE).exception(message);
  }

  private void onClose() {
    vertx.cancelTimer(tickTimer);
    VersoException gone = lastError != null ? lastError
        : ErrorCode.UNAVAILABLE.exception("bridge connection closed");
    pending.values().forEach(w -> w.promise().tryFail(gone));
    pending.clear();
    closed.tryComplete();
  }
}
