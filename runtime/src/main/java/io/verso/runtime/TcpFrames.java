package io.verso.runtime;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The framing of the TCP event-bus bridge, both sides: a 4-byte big-endian length, then that many
 * bytes of one JSON frame.
 */
public final class TcpFrames {
  private TcpFrames() {}

  /** One frame on the wire. */
  public static Buffer encode(Buffer json) {
    return Buffer.buffer(json.length() + 4).appendInt(json.length()).appendBuffer(json);
  }

  /**
   * A parser (set it as the socket's handler) calling {@code onFrame} with each frame's JSON bytes;
   * a length outside {@code 1..maxBytes} calls {@code onBadLength} instead and nothing more is read.
   */
  public static RecordParser parser(int maxBytes, Handler<Buffer> onFrame, IntConsumer onBadLength) {
    return parser(() -> maxBytes, onFrame, onBadLength);
  }

  /**
   * The same, with a limit that may change between frames (read at each frame's header): the bridge
   * allows only a small frame until the connection has authenticated.
   */
  public static RecordParser parser(IntSupplier maxBytes, Handler<Buffer> onFrame, IntConsumer onBadLength) {
    RecordParser parser = RecordParser.newFixed(4);
    boolean[] header = {true};
    boolean[] broken = {false};
    parser.handler(buf -> {
      if (broken[0]) {
        return;
      }
      if (header[0]) {
        int size = buf.getInt(0);
        if (size <= 0 || size > maxBytes.getAsInt()) {
          broken[0] = true;
          onBadLength.accept(size);
          return;
        }
        header[0] = false;
        parser.fixedSizeMode(size);
      } else {
        header[0] = true;
        parser.fixedSizeMode(4);
        onFrame.handle(buf);
      }
    });
    return parser;
  }
}
