package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;

/** A document's content (a delta of inserts) at a revision: {@code {"rev","content":[...]}}. */
public record Snapshot(long rev, JsonArray content) {
  public JsonObject toJson() {
    return new JsonObject().put("rev", rev).put("content", content);
  }

  public static Snapshot fromJson(JsonObject json) {
    return new Snapshot(Fields.integer(json, "rev", 0, Long.MAX_VALUE), Fields.array(json, "content"));
  }
}
