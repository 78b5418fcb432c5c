package io.verso.protocol;

import io.vertx.core.json.JsonObject;

/** Reading a service's configuration, where keys may be flat ({@code "http.port"}) or nested ({@code {"http":{"port"}}}). */
public final class Configs {
  private Configs() {}

  /** A value by dotted key: first as a flat key, then as a path of nested objects; null when absent. */
  public static Object lookup(JsonObject config, String key) {
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
}
