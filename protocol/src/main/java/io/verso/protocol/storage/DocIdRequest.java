package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code {"docId"}}: the request of STORAGE_DOC_LOAD, STORAGE_DOC_GET, STORAGE_DOC_DELETE, STORAGE_MEMBER_LIST. */
public record DocIdRequest(String docId) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId);
  }

  public static DocIdRequest fromJson(JsonObject json) {
    return new DocIdRequest(Fields.docId(json, "docId"));
  }
}
