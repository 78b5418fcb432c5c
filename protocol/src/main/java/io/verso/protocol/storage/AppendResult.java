package io.verso.protocol.storage;

import io.vertx.core.json.JsonObject;

/** Reply of {@code STORAGE_OPS_APPEND}: {@code {"headRev":N}}, sent only after the commit. */
public record AppendResult(long headRev) {
  public JsonObject toJson() {
    return new JsonObject().put("headRev", headRev);
  }

  public static AppendResult fromJson(JsonObject json) {
    return new AppendResult(Fields.integer(json, "headRev", 0, Long.MAX_VALUE));
  }
}
