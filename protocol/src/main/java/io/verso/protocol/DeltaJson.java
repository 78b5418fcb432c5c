package io.verso.protocol;

import io.verso.delta.Delete;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quill Delta JSON ({@code [{"insert":"Hi","attributes":{"bold":true}},{"retain":3},{"delete":2}]})
 * to and from {@link Delta}: the one strict gate for deltas coming off the wire.
 *
 * <p>{@link #fromJson} accepts only what Quill itself produces and fails everything else with
 * {@link ErrorCode#INVALID_OP}: elements that are not objects; an op with anything but exactly one
 * of {@code insert}/{@code retain}/{@code delete} plus an optional {@code attributes}; counts that
 * are not whole numbers in 1..2<sup>31</sup>-1 (negative, zero, fractional, NaN, infinite, huge);
 * empty inserts; embeds that are not single-key objects with a string, number or boolean value;
 * attributes on a delete; attribute values that are not string, finite number, boolean or null
 * ({@code null}, which removes a format, only on a retain);
 * NUL characters anywhere (PostgreSQL's jsonb cannot store them); lone UTF-16 surrogates anywhere
 * (UTF-8 cannot encode them: stored, they would silently become {@code ?} while every open page
 * kept the original). The result is canonical (Quill's push rules), so {@code fromJson(toJson(d))}
 * equals {@code d} for every canonical delta.
 */
public final class DeltaJson {
  /** Longest attribute or embed key accepted. */
  public static final int MAX_KEY_LENGTH = 64;

  private DeltaJson() {}

  /** The Quill JSON of a delta. */
  public static JsonArray toJson(Delta delta) {
    JsonArray out = new JsonArray(new java.util.ArrayList<>(delta.size()));
    for (Op op : delta.ops()) {
      JsonObject o = new JsonObject();
      if (op instanceof Insert ins) {
        o.put("insert", ins.text() != null ? ins.text() : new JsonObject(new LinkedHashMap<>(ins.embed())));
      } else if (op instanceof Retain r) {
        o.put("retain", r.length());
      } else {
        o.put("delete", op.length());
      }
      if (op.attributes() != null) {
        o.put("attributes", new JsonObject(new LinkedHashMap<>(op.attributes())));
      }
      out.add(o);
    }
    return out;
  }

  /** Parses and validates Quill JSON; any malformed part fails with {@link ErrorCode#INVALID_OP}. */
  public static Delta fromJson(JsonArray json) {
    if (json == null) {
      throw invalid("ops are required");
    }
    int n = json.size();
    Delta.Builder b = Delta.builder();
    try {
      for (int i = 0; i < n; i++) {
        Object element = json.getValue(i);
        if (!(element instanceof JsonObject o)) {
          throw invalid("op " + i + " is not an object");
        }
        b.push(op(o, i));
      }
      return b.build();
    } catch (VersoException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // lengths that overflow when merged or summed
      throw invalid("op lengths are too large: " + e.getMessage());
    }
  }

  private static Op op(JsonObject o, int i) {
    Object insert = null;
    Object retain = null;
    Object delete = null;
    Object attributes = null;
    int kinds = 0;
    for (String key : o.fieldNames()) {
      Object v = o.getValue(key);
      switch (key) {
        case "insert" -> {
          insert = v;
          kinds++;
        }
        case "retain" -> {
          retain = v;
          kinds++;
        }
        case "delete" -> {
          delete = v;
          kinds++;
        }
        case "attributes" -> attributes = v;
        default -> throw invalid("op " + i + " has an unknown key");
      }
    }
    if (kinds != 1) {
      throw invalid("op " + i + " must have exactly one of insert, retain, delete");
    }
    Map<String, Object> attrs = attributes(attributes, o.containsKey("attributes"), i);
    if (o.containsKey("insert")) {
      if (attrs != null && attrs.containsValue(null)) {
        throw invalid("op " + i + ": null (format removal) is only allowed on a retain");
      }
      if (insert instanceof String s) {
        if (s.isEmpty()) {
          throw invalid("op " + i + " inserts nothing");
        }
        checkText(s, i);
        return new Insert(s, null, attrs);
      }
      if (insert instanceof JsonObject embed) {
        return new Insert(null, embed(embed, i), attrs);
      }
      throw invalid("op " + i + ": insert must be a string or an embed object");
    }
    if (o.containsKey("retain")) {
      return new Retain(count(retain, "retain", i), attrs);
    }
    if (attrs != null || o.containsKey("attributes")) {
      throw invalid("op " + i + ": a delete has no attributes");
    }
    return new Delete(count(delete, "delete", i));
  }

  /** A whole number in 1..Integer.MAX_VALUE (JSON has no integer type: 3.0 is 3, 3.5 is not). */
  private static int count(Object v, String what, int i) {
    long n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = ((Number) v).longValue();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 1e15) {
        throw invalid("op " + i + ": " + what + " must be a whole number");
      }
      n = (long) d;
    } else if (v instanceof BigDecimal bd) {
      try {
        n = bd.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid("op " + i + ": " + what + " must be a whole number in range");
      }
    } else if (v instanceof Number) {
      throw invalid("op " + i + ": " + what + " is too large"); // BigInteger
    } else {
      throw invalid("op " + i + ": " + what + " must be a number");
    }
    if (n < 1) {
      throw invalid("op " + i + ": " + what + " must be at least 1");
    }
    if (n > Integer.MAX_VALUE) {
      throw invalid("op " + i + ": " + what + " is too large");
    }
    return (int) n;
  }

  private static Map<String, Object> attributes(Object v, boolean present, int i) {
    if (!present || v == null) {
      if (present) {
        throw invalid("op " + i + ": attributes must be an object");
      }
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw invalid("op " + i + ": attributes must be an object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : o.fieldNames()) {
      key(key, i);
      Object value = o.getValue(key);
      if (value != null && !isScalar(value)) {
        throw invalid("op " + i + ": attribute '" + key + "' must be a string, number, boolean or null");
      }
      if (value instanceof String s) {
        checkText(s, i);
      }
      out.put(key, value);
    }
    return out.isEmpty() ? null : out;
  }

  private static Map<String, Object> embed(JsonObject o, int i) {
    if (o.size() != 1) {
      throw invalid("op " + i + ": an embed is an object with exactly one key");
    }
    String key = o.fieldNames().iterator().next();
    key(key, i);
    Object value = o.getValue(key);
    if (value == null || !isScalar(value)) {
      throw invalid("op " + i + ": embed '" + key + "' must have a string, number or boolean value");
    }
    if (value instanceof String s) {
      checkText(s, i);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(key, value);
    return out;
  }

  private static boolean isScalar(Object v) {
    if (v instanceof String || v instanceof Boolean) {
      return true;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return true;
    }
    if (v instanceof Double || v instanceof Float) {
      return Double.isFinite(((Number) v).doubleValue());
    }
    return false; // BigInteger, BigDecimal (out of double range), objects, arrays
  }

  private static void key(String key, int i) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw invalid("op " + i + ": keys are 1.." + MAX_KEY_LENGTH + " characters");
    }
    checkText(key, i);
  }

  private static void checkText(String s, int i) {
    if (s.indexOf('\0') >= 0) {
      throw invalid("op " + i + " contains a NUL character");
    }
    if (!isWellFormed(s)) {
      throw invalid("op " + i + " contains a lone UTF-16 surrogate");
    }
  }

  /** True when every surrogate of {@code s} is half of a high-low pair (so it has a UTF-8 form). */
  public static boolean isWellFormed(CharSequence s) {
    int n = s.length();
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(s.charAt(k + 1))) {
        k++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static VersoException invalid(String message) {
    return ErrorCode.INVALID_OP.exception(message);
  }
}
