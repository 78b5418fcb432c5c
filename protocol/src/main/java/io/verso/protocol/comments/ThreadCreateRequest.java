package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_THREAD_CREATE}: {@code {"docId","thread"}} → {@code {}}; DUPLICATE when the thread or a comment id exists. */
public record ThreadCreateRequest(String docId, CommentThread thread) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("thread", thread.toJson());
  }

  public static ThreadCreateRequest fromJson(JsonObject json) {
    CommentThread thread = CommentThread.fromJson(Fields.object(json, "thread"));
    for (int i = 0; i < thread.comments().size(); i++) {
      StoredFields.storable(thread.comments().get(i), "thread.comments[" + i + "]");
    }
    return new ThreadCreateRequest(Fields.docId(json, "docId"), thread);
  }
}
