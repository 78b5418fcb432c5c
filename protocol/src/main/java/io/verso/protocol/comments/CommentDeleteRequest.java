package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_COMMENT_DELETE}: {@code {"docId","threadId","commentId"}} → {@code {}}. Deletes only
 * the comment: the room deletes the thread instead when it is the thread's first.
 */
public record CommentDeleteRequest(String docId, String threadId, String commentId) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("threadId", threadId).put("commentId", commentId);
  }

  public static CommentDeleteRequest fromJson(JsonObject json) {
    return new CommentDeleteRequest(Fields.docId(json, "docId"), StoredFields.threadId(json),
        CommentLimits.id(json, "commentId"));
  }
}
