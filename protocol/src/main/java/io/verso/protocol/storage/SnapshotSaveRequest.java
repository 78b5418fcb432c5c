package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_SNAPSHOT_SAVE}: {@code {"docId","rev","content":[...],"authorship"?:[runs]}} → {@code {}};
 * idempotent. {@code authorship} as in {@link Snapshot}.
 */
public record SnapshotSaveRequest(String docId, long rev, JsonArray content, JsonArray authorship) {
  public SnapshotSaveRequest(String docId, long rev, JsonArray content) {
    this(docId, rev, content, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("rev", rev).put("content", content);
    return authorship == null ? json : json.put("authorship", authorship);
  }

  public static SnapshotSaveRequest fromJson(JsonObject json) {
    return new SnapshotSaveRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "rev", 0, Long.MAX_VALUE),
        Fields.array(json, "content"),
        json.getValue("authorship") == null ? null : Fields.array(json, "authorship"));
  }
}
