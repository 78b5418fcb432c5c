package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.vertx.core.json.JsonObject;

/** The outbound frames of the Vert.x event-bus bridge protocol. */
final class Frames {
  private Frames() {}

  /** The answer to a ping: the page takes a socket that answers nothing any more for dead. */
  static final String PONG = "{\"type\":\"pong\"}";

  /** A message for a registered address, or a reply (address = the request's replyAddress). */
  static JsonObject rec(String address, Object body) {
    return new JsonObject().put("type", "rec").put("address", address).put("body", body);
  }

  /**
   * A failure: of a request (address = its replyAddress), of a registration (address = it), or of the
   * socket (null). The code goes out as its public number (internal codes as their HTTP status).
   */
  static JsonObject err(String address, ErrorCode code, String message) {
    JsonObject frame = new JsonObject().put("type", "err");
    if (address != null) {
      frame.put("address", address);
    }
    return frame.put("failureCode", code.httpStatus()).put("failureType", "RECIPIENT_FAILURE")
        .put("message", message == null ? code.description() : message);
  }

  /**
   * Any failure, as it may leave the cluster: Verso's own message ({@link Failures#messageOf}: never a
   * Java exception's or the event bus's text), and for an internal error only the code's description.
   */
  static JsonObject err(String address, Throwable failure) {
    ErrorCode code = Failures.codeOf(failure);
    return err(address, code, code == ErrorCode.INTERNAL ? code.description() : Failures.messageOf(failure));
  }
}
