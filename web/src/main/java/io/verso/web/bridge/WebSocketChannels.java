package io.verso.web.bridge;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.lang.reflect.Field;

/**
 * The Netty channel under a server WebSocket, so that {@link RawSocket} can write a flush's frames
 * and flush once (one system call per socket and flush; Vert.x flushes after each message written
 * outside a read, one {@code send} per frame).
 *
 * <p>A WebSocket upgraded from a vertx-web route is vertx-web's {@code ServerWebSocketWrapper}, which
 * keeps the core WebSocket (the one that knows its channel) in a private field and offers no way to it:
 * read through reflection, checked by {@code WebSocketChannelsTest} against the vertx-web in use. When
 * it cannot be found (another wrapper), null: the socket then writes through Vert.x, correct but with a
 * flush per frame.
 */
final class WebSocketChannels {
  private static final int MAX_WRAPPERS = 4;

  private WebSocketChannels() {
  }

  static ChannelHandlerContext of(ServerWebSocket ws) {
    Object s = ws;
    for (int i = 0; i < MAX_WRAPPERS && s != null; i++) {
      if (s instanceof WebSocketInternal internal) {
        return internal.channelHandlerContext();
      }
      s = delegateOf(s);
    }
    return null;
  }

  private static Object delegateOf(Object wrapper) {
    try {
      Field f = wrapper.getClass().getDeclaredField("delegate");
      if (!ServerWebSocket.class.isAssignableFrom(f.getType())) {
        return null;
      }
      f.setAccessible(true);
      return f.get(wrapper);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
