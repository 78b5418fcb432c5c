package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_COMMENT_EDIT}: {@code {"docId","threadId","commentId","text","editedTs"}} → {@code {}}. */
public record CommentEditRequest(String docId, String threadId, String commentId, String text, long editedTs) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("threadId", threadId).put("commentId", commentId)
        .put("text", text).put("editedTs", editedTs);
  }

  public static CommentEditRequest fromJson(JsonObject json) {
    return new CommentEditRequest(Fields.docId(json, "docId"), StoredFields.threadId(json),
        CommentLimits.id(json, "commentId"), StoredFields.text(json, "text"),
        Fields.integer(json, "editedTs", 0, Long.MAX_VALUE));
  }
}
