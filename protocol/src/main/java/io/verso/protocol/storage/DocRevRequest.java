package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code {"docId","rev"}}: {@code STORAGE_SNAPSHOT_AT} (rev ≥ 0 → {@link SnapshotAt}) and
 * {@code STORAGE_VERSION_DELETE} (rev ≥ 1 → {@code {}}).
 */
public record DocRevRequest(String docId, long rev) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev);
  }

  public static DocRevRequest fromJson(JsonObject json, long minRev) {
    return new DocRevRequest(Fields.docId(json, "docId"), Fields.integer(json, "rev", minRev, Long.MAX_VALUE));
  }
}
