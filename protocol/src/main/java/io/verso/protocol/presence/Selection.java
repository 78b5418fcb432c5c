package io.verso.protocol.presence;

import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/** A selection (or a caret when {@code length == 0}) in UTF-16 code units, at some revision. */
public record Selection(int index, int length) {
  public Selection {
    if (index < 0 || length < 0) {
      throw ErrorCode.BAD_REQUEST.exception("selection index and length must be non-negative");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("index", index).put("length", length);
  }

  /** A selection from its JSON form; {@code null} (no focus) stays null; anything else is BAD_REQUEST. */
  public static Selection fromJson(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      throw ErrorCode.BAD_REQUEST.exception("selection must be an object or null");
    }
    return new Selection((int) Presence.nonNegative(json, "index", Integer.MAX_VALUE),
        (int) Presence.nonNegative(json, "length", Integer.MAX_VALUE));
  }
}
