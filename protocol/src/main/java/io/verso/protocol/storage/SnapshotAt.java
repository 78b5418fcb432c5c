package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code STORAGE_SNAPSHOT_AT}: {@code {"rev","content":[...]|null}}, the latest stored
 * snapshot at or before the rev asked; {@code {"rev":0,"content":null}} when there is none (rebuild
 * from the empty document).
 */
public record SnapshotAt(long rev, JsonArray content) {
  public JsonObject toJson() {
    return new JsonObject().put("rev", rev).put("content", content);
  }

  public static SnapshotAt fromJson(JsonObject json) {
    return new SnapshotAt(Fields.integer(json, "rev", 0, Long.MAX_VALUE),
        json.getValue("content") == null ? null : Fields.array(json, "content"));
  }
}
