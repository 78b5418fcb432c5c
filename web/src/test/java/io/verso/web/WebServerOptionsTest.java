package io.verso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.web.bridge.BridgeConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The HTTP server takes the WebSocket compression browsers offer as http.webSocketCompressionLevel says. */
class WebServerOptionsTest {
  private static HttpServerOptions options(JsonObject config) {
    return WebVerticle.serverOptions(WebConfig.from(config), BridgeConfig.defaults());
  }

  @Test
  void compressionAtTheConfiguredLevelOrNotAtAll() {
    HttpServerOptions byDefault = options(new JsonObject());
    assertThat(byDefault.getPerMessageWebSocketCompressionSupported())
        .isEqualTo(WebConfig.DEFAULT_WEBSOCKET_COMPRESSION_LEVEL > 0);
    HttpServerOptions fastest = options(new JsonObject().put("http.webSocketCompressionLevel", 1));
    assertThat(fastest.getPerMessageWebSocketCompressionSupported()).isTrue();
    assertThat(fastest.getWebSocketCompressionLevel()).isEqualTo(1);
    HttpServerOptions off = options(new JsonObject().put("http", new JsonObject().put("webSocketCompressionLevel", 0)));
    assertThat(off.getPerMessageWebSocketCompressionSupported()).isFalse();
    assertThat(off.getPerFrameWebSocketCompressionSupported()).isFalse();
    assertThatThrownBy(() -> WebConfig.from(new JsonObject().put("http.webSocketCompressionLevel", 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void webSocketSizesFollowTheBridgeFrameLimit() {
    HttpServerOptions o = options(new JsonObject());
    assertThat(o.getMaxWebSocketMessageSize()).isEqualTo(2 * BridgeConfig.defaults().maxMessageBytes());
    assertThat(o.getIdleTimeout()).isEqualTo(75);
  }
}
