package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_DOC_RENAME}: {@code {"docId","title"}} → {@link DocRecord}. */
public record DocRenameRequest(String docId, String title) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("title", title);
  }

  public static DocRenameRequest fromJson(JsonObject json) {
    return new DocRenameRequest(Fields.docId(json, "docId"), DocRecord.title(json));
  }
}
