package io.verso.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Strict readers for message fields: a missing field, a wrong type or an out-of-range value is a
 * {@link ErrorCode#BAD_REQUEST} naming the field, never a ClassCastException or a silent default.
 */
public final class Fields {
  private Fields() {}

  public static VersoException bad(String message) {
    return new VersoException(ErrorCode.BAD_REQUEST, message);
  }

  public static JsonObject body(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw bad("body must be a JSON object");
  }

  /** A required non-empty string of at most {@code maxLength} characters. */
  public static String string(JsonObject json, String field, int maxLength) {
    String s = optString(json, field, maxLength);
    if (s == null) {
      throw bad(field + " is required");
    }
    return s;
  }

  /** An optional string (null when absent or null); when present non-empty and at most {@code maxLength}. */
  public static String optString(JsonObject json, String field, int maxLength) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw bad(field + " must be a string");
    }
    if (s.isEmpty()) {
      throw bad(field + " must not be empty");
    }
    if (s.length() > maxLength) {
      throw bad(field + " is longer than " + maxLength + " characters");
    }
    if (s.indexOf('\0') >= 0) {
      throw bad(field + " must not contain a NUL character");
    }
    return s;
  }

  /** A required document id matching {@link io.verso.protocol.Addresses#DOC_ID}. */
  public static String docId(JsonObject json, String field) {
    String id = string(json, field, 64);
    if (!io.verso.protocol.Addresses.isDocId(id)) {
      throw bad(field + " is not a valid document id");
    }
    return id;
  }

  /** A required integral number within [min, max]. */
  public static long integer(JsonObject json, String field, long min, long max) {
    Long v = optInteger(json, field, min, max);
    if (v == null) {
      throw bad(field + " is required");
    }
    return v;
  }

  /** An optional integral number within [min, max]; null when absent. */
  public static Long optInteger(JsonObject json, String field, long min, long max) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    long l;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      l = ((Number) v).longValue();
    } else {
      throw bad(field + " must be an integer");
    }
    if (l < min || l > max) {
      throw bad(field + " is out of range [" + min + ", " + max + "]");
    }
    return l;
  }

  /** A required JSON array. */
  public static JsonArray array(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw bad(field + " is required");
    }
    if (!(v instanceof JsonArray a)) {
      throw bad(field + " must be an array");
    }
    return a;
  }

  /** A required JSON object. */
  public static JsonObject object(JsonObject json, String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw bad(field + " is required");
    }
    if (!(v instanceof JsonObject o)) {
      throw bad(field + " must be an object");
    }
    return o;
  }

  /** The element of an array as an object, or BAD_REQUEST. */
  public static JsonObject element(JsonArray array, int i, String what) {
    Object v = array.getValue(i);
    if (!(v instanceof JsonObject o)) {
      throw bad(what + "[" + i + "] must be an object");
    }
    return o;
  }
}
