package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.web.api.OriginCheck;
import io.verso.web.ClientAddresses;
import io.verso.web.WebConfig;
import io.verso.web.auth.RequestIdentity;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.handler.sockjs.Transport;
import java.util.List;
import java.util.regex.Pattern;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.ProtocolUpgradeHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/**
 * Mounts the bridge at {@code /eventbus}: origin check, the xhr transports' session binding
 * ({@link XhrSessions}), SockJS's raw WebSocket endpoint {@code /eventbus/websocket} (ours:
 * {@link RawSocket} writes the bytes encoded once for all sockets), then SockJS for the rest (all
 * transports but JSONP and htmlfile).
 */
public final class SockJsBridge {
  private static final String COOKIES = "verso.bridge.cookies";
  private static final Pattern IFRAME = Pattern.compile("/eventbus/iframe[^/]*\\.html");
  /** SockJS's raw WebSocket endpoint: one bridge frame per text message, no SockJS framing. */
  static final String RAW_PATH = "/eventbus/websocket";

  private SockJsBridge() {}

  public static void mount(Vertx vertx, Router router, BridgeEngine engine, BridgeConfig config, OriginCheck origins,
      RequestIdentity identities) {
    router.route("/eventbus/*").handler(ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (IFRAME.matcher(ctx.request().path()).matches()) {
        // SockJS's iframe page loads the client library from a CDN into our origin: never serve it.
        // Our app is same-origin, so the iframe-based transports are never needed.
        ctx.response().setStatusCode(404).end();
      } else if (origin != null && !origins.allowed().contains(WebConfig.normalizeOrigin(origin))) {
        ctx.response().setStatusCode(ErrorCode.FORBIDDEN.httpStatus()).end("cross-origin socket refused");
      } else {
        ctx.put(COOKIES, List.copyOf(ctx.request().headers().getAll(HttpHeaders.COOKIE)));
        ctx.next();
      }
    });
    // A request on an existing xhr session must be its owner's; a send to no session is not read at all.
    XhrSessions xhr = new XhrSessions(identities);
    router.routeWithRegex(XhrSessions.PATH_REGEX).handler(xhr::handle);
    // xhr_send carries frames in its body (several frames may come in one POST): read up to about one
    // frame's worth, only once the request is known to be the socket owner's. No other request is read.
    router.postWithRegex(XhrSessions.SEND_PATH_REGEX)
        .handler(BodyHandler.create(false).setBodyLimit(config.maxXhrBodyBytes()));
    // Served here rather than by vertx-web's raw SockJS socket, whose write(String) encodes every frame
    // to UTF-8 again for every socket (and whose write(Buffer) sends binary messages).
    router.get(RAW_PATH).handler((ProtocolUpgradeHandler) ctx -> upgradeRaw(engine, config, ctx));
    SockJSHandlerOptions options = new SockJSHandlerOptions()
        .setHeartbeatInterval(config.heartbeatMs())
        .setInsertJSESSIONID(false)
        .setRegisterWriteHandler(false)
        // JSONP (script injection by design) and htmlfile (old IE, via the iframe page) are not needed.
        .addDisabledTransport(Transport.JSON_P.name())
        .addDisabledTransport(Transport.HTML_FILE.name());
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, options)
        .socketHandler(socket -> attach(engine, xhr, socket, config)));
  }

  /**
   * The cookies of the request that created the socket. SockJS strips the {@code Cookie} header from
   * the request (and from {@link SockJSSocket#headers()}) before the socket exists, so the origin
   * handler keeps a copy in the routing context first.
   */
  private static MultiMap handshakeHeaders(SockJSSocket socket) {
    return handshakeHeaders(socket.routingContext());
  }

  private static MultiMap handshakeHeaders(RoutingContext ctx) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Object cookies = ctx == null ? null : ctx.get(COOKIES);
    if (cookies instanceof List<?> list) {
      list.forEach(c -> headers.add(HttpHeaders.COOKIE, c.toString()));
    }
    return headers;
  }

  /**
   * Whether the client asked for batches ({@code ?batch=true} on the request that opened the socket):
   * then several frames may arrive as one message holding a JSON array of frames, in order.
   */
  private static boolean wantsBatches(SockJSSocket socket) {
    return wantsBatches(socket.routingContext());
  }

  private static boolean wantsBatches(RoutingContext ctx) {
    return ctx != null && "true".equals(ctx.request().getParam("batch"));
  }

  /** The client address a socket counts for: its opening request's ({@link ClientAddresses}), else the TCP peer. */
  private static String clientAddress(SockJSSocket socket) {
    if (socket.routingContext() != null) {
      return ClientAddresses.of(socket.routingContext());
    }
    return socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
  }

  /** The raw endpoint: the same admission as every socket (cookie of the handshake, caps, limits), its own writes. */
  private static void upgradeRaw(BridgeEngine engine, BridgeConfig config, RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.response().setStatusCode(400).end("Can \"Upgrade\" only to \"WebSocket\".");
      return;
    }
    MultiMap headers = handshakeHeaders(ctx);
    boolean batches = wantsBatches(ctx);
    ctx.request().toWebSocket().onFailure(ctx::fail).onSuccess(ws -> {
      ws.setWriteQueueMaxSize(config.maxQueuedBytes());
      String address = ClientAddresses.of(ctx); // the client behind a trusted proxy, as for every socket
      BridgeSession session = engine.open(new RawSocket(ws, batches), headers, address);
      ws.textMessageHandler(text -> engine.frame(session, Buffer.buffer(text)));
      ws.binaryMessageHandler(data -> engine.frame(session, data));
      ws.exceptionHandler(t -> engine.closed(session));
      ws.closeHandler(v -> engine.closed(session));
    });
  }

  private static void attach(BridgeEngine engine, XhrSessions xhr, SockJSSocket socket, BridgeConfig config) {
    socket.setWriteQueueMaxSize(config.maxQueuedBytes());
    boolean batches = wantsBatches(socket);
    BridgeSession session = engine.open(new BridgeSession.Transport() {
      @Override
      public boolean write(String text) {
        if (socket.writeQueueFull()) {
          return false;
        }
        socket.write(text);
        return true;
      }

      @Override
      public boolean writeAll(BridgeHub.Batch batch) {
        return batches && batch.size() > 1 ? write(batch.asArray()) : BridgeSession.Transport.super.writeAll(batch);
      }

      @Override
      public void close() {
        socket.close();
      }
    }, handshakeHeaders(socket), clientAddress(socket));
    RoutingContext opening = socket.routingContext();
    if (opening != null) {
      xhr.opened(opening.request().path(), session);
    }
    socket.handler(data -> engine.frame(session, data));
    socket.exceptionHandler(t -> engine.closed(session));
    socket.closeHandler(v -> engine.closed(session));
    socket.endHandler(v -> engine.closed(session));
  }
}
