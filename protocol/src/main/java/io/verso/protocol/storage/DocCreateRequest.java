package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_DOC_CREATE}: {@code {"ownerId","title"}} → {@link DocRecord}. The title is trimmed, 1..200 chars. */
public record DocCreateRequest(String ownerId, String title) {
  public JsonObject toJson() {
    return new JsonObject().put("ownerId", ownerId).put("title", title);
  }

  public static DocCreateRequest fromJson(JsonObject json) {
    return new DocCreateRequest(Fields.string(json, "ownerId", OpRecord.MAX_ID_LENGTH), DocRecord.title(json));
  }
}
