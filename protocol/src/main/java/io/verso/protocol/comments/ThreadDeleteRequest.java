package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_THREAD_DELETE}: {@code {"docId","threadId"}} → {@code {}}, the thread and its comments gone. */
public record ThreadDeleteRequest(String docId, String threadId) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("threadId", threadId);
  }

  public static ThreadDeleteRequest fromJson(JsonObject json) {
    return new ThreadDeleteRequest(Fields.docId(json, "docId"), StoredFields.threadId(json));
  }
}
