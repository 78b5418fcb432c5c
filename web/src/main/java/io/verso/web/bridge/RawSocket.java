package io.verso.web.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.http.ServerWebSocket;

/**
 * A bridge socket on SockJS's raw WebSocket endpoint: one bridge frame per WebSocket text message
 * (or, for a socket that asked for batches, a flush of several as one JSON array).
 *
 * <p>A flush's frames go out as the bytes {@link BridgeHub.Batch} encoded once for every socket:
 * each socket's frame wraps the same array (no copy, no re-encoding; Vert.x' own
 * {@code writeTextMessage} would encode the text to UTF-8 again per socket, and vertx-web's raw
 * SockJS socket writes a {@code Buffer} as a binary message, which standard clients do not expect),
 * and the socket is flushed once per flush — one system call for all the frames, where Vert.x flushes
 * after every message written outside a read. Those writes go to the connection's Netty pipeline
 * (below Vert.x' outbound queue, which they may bypass: they are made on the connection's event loop
 * after {@link ServerWebSocket#writeQueueFull()} said it had room, so nothing of Vert.x' is waiting).
 */
final class RawSocket implements BridgeSession.Transport {
  /** Frames bigger than this go through Vert.x, which splits them into the server's frame size. */
  static final int MAX_DIRECT_BYTES = 64 * 1024;

  private final ServerWebSocket ws;
  private final ChannelHandlerContext channel;
  private final boolean batches;

  RawSocket(ServerWebSocket ws, boolean batches) {
    this.ws = ws;
    this.channel = WebSocketChannels.of(ws);
    this.batches = batches;
  }

  @Override
  public boolean write(String text) {
    if (ws.isClosed()) {
      return true; // its close handler ends the session
    }
    if (ws.writeQueueFull()) {
      return false;
    }
    ws.writeTextMessage(text);
    return true;
  }

  @Override
  public boolean writeAll(BridgeHub.Batch batch) {
    if (ws.isClosed()) {
      return true;
    }
    if (ws.writeQueueFull()) {
      return false;
    }
    boolean direct = channel != null && channel.executor().inEventLoop();
    if (batches && batch.size() > 1) {
      writeFrame(direct, batch.arrayUtf8(), batch.asArray());
    } else {
      for (int i = 0; i < batch.size(); i++) {
        writeFrame(direct, batch.utf8(i), batch.texts().get(i));
      }
    }
    if (direct) {
      channel.flush();
    }
    return true;
  }

  private void writeFrame(boolean direct, byte[] utf8, String text) {
    if (direct && utf8.length <= MAX_DIRECT_BYTES) {
      // a wrapper of its own (reader index) around the shared bytes: the encoder reads it, nothing copies it
      channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), channel.voidPromise());
    } else {
      ws.writeTextMessage(text);
    }
  }

  /** Whether this socket writes to its Netty channel and flushes once per flush (else through Vert.x). */
  boolean writesToChannel() {
    return channel != null;
  }

  @Override
  public void close() {
    ws.close();
  }
}
