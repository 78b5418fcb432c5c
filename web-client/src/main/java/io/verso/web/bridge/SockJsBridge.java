package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.web.api.OriginCheck;
import io.verso.web.WebConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/** Mounts the bridge at {@code /eventbus}: origin check, then SockJS (all transports, raw WebSocket too). */
public final class SockJsBridge {
  private SockJsBridge() {}

  public static void mount(Vertx vertx, Router router, BridgeEngine engine, BridgeConfig config, OriginCheck origins) {
    router.route("/eventbus/*").handler(ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && !origins.allowed().contains(WebConfig.normalizeOrigin(origin))) {
        ctx.response().setStatusCode(ErrorCode.FORBIDDEN.httpStatus()).end("cross-origin socket refused");
      } else {
        ctx.next();
      }
    });
    SockJSHandlerOptions options = new SockJSHandlerOptions()
        .setHeartbeatInterval(config.heartbeatMs())
        .setInsertJSESSIONID(false)
        .setRegisterWriteHandler(false);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, options)
        .socketHandler(socket -> attach(engine, socket)));
  }

  /**
   * The headers of the request that created the socket. SockJS strips cookies from
   * {@link SockJSSocket#headers()}, so they are read from the creating request itself.
   */
  private static MultiMap handshakeHeaders(SockJSSocket socket) {
    RoutingContext ctx = socket.routingContext();
    return ctx != null ? ctx.request().headers() : socket.headers();
  }

  private static void attach(BridgeEngine engine, SockJSSocket socket) {
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
      public void close() {
        socket.close();
      }
    }, handshakeHeaders(socket));
    socket.handler(data -> engine.frame(session, data));
    socket.exceptionHandler(t -> engine.closed(session));
    socket.closeHandler(v -> engine.closed(session));
    socket.endHandler(v -> engine.closed(session));
  }
}
