package io.verso.web.bridge;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The socket underneath a session: the frames written to it, and whether it was closed. */
final class RecordingTransport implements BridgeSession.Transport {
  final List<JsonObject> written = new CopyOnWriteArrayList<>();
  /** Set to play a socket whose write queue is full. */
  volatile boolean full;
  volatile boolean closed;

  @Override
  public boolean write(String text) {
    if (full) {
      return false;
    }
    written.add(new JsonObject(text));
    return true;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** How many socket errors with that failure code were written. */
  long errs(int code) {
    return written.stream().filter(f -> "err".equals(f.getString("type")) && f.getInteger("failureCode") == code).count();
  }
}
