package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_SNAPSHOT_SAVE}: {@code {"docId","rev","content":[...]}} → {@code {}}; idempotent. */
public record SnapshotSaveRequest(String docId, long rev, JsonArray content) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev).put("content", content);
  }

  public static SnapshotSaveRequest fromJson(JsonObject json) {
    return new SnapshotSaveRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "rev", 0, Long.MAX_VALUE),
        Fields.array(json, "content"));
  }
}
