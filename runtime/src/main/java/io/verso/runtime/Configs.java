package io.verso.runtime;

import io.vertx.core.json.JsonObject;

/**
 * The one way services read their configuration: typed values by dotted key, where a key may be
 * given flat ({@code "http.port": 8080}) or nested ({@code {"http":{"port":8080}}}), and numbers and
 * booleans may come as JSON values or as strings (command-line flags and environment variables are
 * strings). A value of the wrong type fails with a message naming the key.
 */
public final class Configs {
  private Configs() {}

  /** A value by dotted key: first as a flat key, then as a path of nested objects; null when absent. */
  public static Object lookup(JsonObject config, String key) {
    if (config == null) {
      return null;
    }
    if (config.containsKey(key)) {
      return config.getValue(key);
    }
    Object cur = config;
    for (String part : key.split("\\.")) {
      if (!(cur instanceof JsonObject obj) || !obj.containsKey(part)) {
        return null;
      }
      cur = obj.getValue(part);
    }
    return cur;
  }

  public static String string(JsonObject config, String key, String dflt) {
    Object v = lookup(config, key);
    return v == null ? dflt : v.toString();
  }

  public static boolean bool(JsonObject config, String key, boolean dflt) {
    Object v = lookup(config, key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException(key + " must be true or false");
  }

  public static int integer(JsonObject config, String key, int dflt) {
    long v = longValue(config, key, dflt);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is out of range");
    }
    return (int) v;
  }

  public static long longValue(JsonObject config, String key, long dflt) {
    Number n = number(config, key);
    if (n == null) {
      return dflt;
    }
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
    return n.longValue();
  }

  public static double decimal(JsonObject config, String key, double dflt) {
    Number n = number(config, key);
    return n == null ? dflt : n.doubleValue();
  }

  private static Number number(JsonObject config, String key) {
    Object v = lookup(config, key);
    if (v == null || v instanceof Number) {
      return (Number) v;
    }
    try {
      String s = v.toString().trim();
      return s.matches("-?\\d{1,18}") ? (Number) Long.parseLong(s) : (Number) Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number");
    }
  }
}
