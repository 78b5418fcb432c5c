package io.verso.presence.wire;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;

/** Field checks of the presence messages; every refusal is a BAD_REQUEST naming the field. */
public final class PresenceFields {
  private PresenceFields() {}

  /**
   * The largest position a selection may reach ({@code index + length}), in UTF-16 code units: far
   * above any document the edit service accepts, so a larger one is hostile (TOO_LARGE).
   */
  public static final int MAX_POSITION = 10_000_000;

  /** A required string field that passes {@code valid}. */
  static String string(JsonObject json, String field, Predicate<String> valid) {
    Object v = json.getValue(field);
    if (!(v instanceof String s)) {
      throw ErrorCode.BAD_REQUEST.exception(field + " must be a string");
    }
    if (valid != null && !valid.test(s)) {
      throw ErrorCode.BAD_REQUEST.exception(field + " is malformed");
    }
    return s;
  }

  /** A required whole number in [0, max]; floating point numbers and strings are refused. */
  static long nonNegative(JsonObject json, String field, long max) {
    Object v = json.getValue(field);
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
      throw ErrorCode.BAD_REQUEST.exception(field + " must be a whole number");
    }
    long n = ((Number) v).longValue();
    if (n < 0 || n > max) {
      throw ErrorCode.BAD_REQUEST.exception(field + " out of range");
    }
    return n;
  }

  /** The checked docId of a request. */
  public static String docId(JsonObject json) {
    return string(json, "docId", Addresses::isDocId);
  }

  /** The checked clientId of a request. */
  public static String clientId(JsonObject json) {
    return string(json, "clientId", Addresses::isClientId);
  }
}
