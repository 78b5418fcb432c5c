package io.verso.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Strict readers for fields of untrusted JSON messages. Each throws a {@link VersoException} with
 * BAD_REQUEST naming the field, so a hostile or broken client always gets a clear code and the
 * message is rejected before anything changes.
 */
public final class Fields {
  /** Client ids: 16..64 characters of [A-Za-z0-9_-]. */
  public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  private Fields() {}

  public static JsonObject object(Object body) {
    if (body instanceof JsonObject o) {
      return o;
    }
    throw ErrorCode.BAD_REQUEST.exception("body must be a JSON object");
  }

  /** An integral number in [min, max]; rejects fractions, strings, booleans and missing values. */
  public static long integer(JsonObject o, String key, long min, long max) {
    Object v = o.getValue(key);
    if (v == null) {
      throw ErrorCode.BAD_REQUEST.exception("missing field '" + key + "'");
    }
    long n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = ((Number) v).longValue();
    } else if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal
        || v instanceof java.math.BigInteger) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d) || Math.abs(d) > 9.007199254740991E15) {
        throw ErrorCode.BAD_REQUEST.exception("field '" + key + "' must be an integer");
      }
      n = (long) d;
    } else {
      throw ErrorCode.BAD_REQUEST.exception("field '" + key + "' must be an integer");
    }
    if (n < min || n > max) {
      throw ErrorCode.BAD_REQUEST.exception("field '" + key + "' out of range [" + min + ", " + max + "]");
    }
    return n;
  }

  public static long optInteger(JsonObject o, String key, long min, long max, long dflt) {
    return o.getValue(key) == null ? dflt : integer(o, key, min, max);
  }

  public static String string(JsonObject o, String key, Pattern pattern) {
    Object v = o.getValue(key);
    if (!(v instanceof String s)) {
      throw ErrorCode.BAD_REQUEST.exception(v == null ? "missing field '" + key + "'"
          : "field '" + key + "' must be a string");
    }
    if (pattern != null && !pattern.matcher(s).matches()) {
      throw ErrorCode.BAD_REQUEST.exception("field '" + key + "' is malformed");
    }
    return s;
  }

  public static JsonArray array(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (!(v instanceof JsonArray a)) {
      throw ErrorCode.BAD_REQUEST.exception(v == null ? "missing field '" + key + "'"
          : "field '" + key + "' must be an array");
    }
    return a;
  }
}
