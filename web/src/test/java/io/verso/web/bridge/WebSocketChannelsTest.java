package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A WebSocket upgraded from a vertx-web route (as the bridge's raw endpoint is) reaches its Netty
 * channel, so a flush of several frames is written there and flushed once — not through vertx-web's
 * wrapper, which flushes every frame (one system call per frame and socket).
 */
@ExtendWith(VertxExtension.class)
class WebSocketChannelsTest {

  @Test
  void aRoutedWebSocketWritesAFlushToItsChannel(Vertx vertx, VertxTestContext ctx) {
    List<Boolean> direct = new CopyOnWriteArrayList<>();
    Router router = Router.router(vertx);
    router.route("/ws").handler(rc -> rc.request().toWebSocket().onSuccess(ws -> {
      RawSocket socket = new RawSocket(ws, false);
      direct.add(socket.writesToChannel());
      socket.writeAll(new BridgeHub.Batch(List.of("{\"i\":1}", "{\"i\":2}", "{\"i\":3}")));
    }));
    List<String> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    vertx.createHttpServer().requestHandler(router).listen(0)
        .compose((HttpServer server) -> client.connect(new WebSocketConnectOptions()
            .setHost("localhost").setPort(server.actualPort()).setURI("/ws")))
        .onComplete(ctx.succeeding(ws -> ws.textMessageHandler(text -> {
          received.add(text);
          if (received.size() == 3) {
            ctx.verify(() -> {
              assertThat(direct).containsExactly(true);
              assertThat(received).containsExactly("{\"i\":1}", "{\"i\":2}", "{\"i\":3}");
            });
            ctx.completeNow();
          }
        })));
  }
}
