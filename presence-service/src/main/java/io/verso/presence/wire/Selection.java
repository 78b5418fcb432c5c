package io.verso.presence.wire;


import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * A selection (or a caret when {@code length == 0}) in UTF-16 code units, at some revision. Negative
 * or non-integer fields are BAD_REQUEST; a selection ending beyond {@link Presence#MAX_POSITION} is
 * TOO_LARGE.
 */
public record Selection(int index, int length) {
  public Selection {
    if (index < 0 || length < 0) {
      throw ErrorCode.BAD_REQUEST.exception("selection index and length must be non-negative");
    }
    if ((long) index + length > PresenceFields.MAX_POSITION) {
      throw ErrorCode.TOO_LARGE.exception("selection ends beyond " + PresenceFields.MAX_POSITION);
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
    long index = PresenceFields.nonNegative(json, "index", Long.MAX_VALUE);
    long length = PresenceFields.nonNegative(json, "length", Long.MAX_VALUE);
    if (index > PresenceFields.MAX_POSITION || length > PresenceFields.MAX_POSITION) {
      throw ErrorCode.TOO_LARGE.exception("selection ends beyond " + PresenceFields.MAX_POSITION);
    }
    return new Selection((int) index, (int) length);
  }
}
