package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_COMMENT_ADD}: {@code {"docId","threadId","comment"}} → {@code {}}, the comment last in its thread. */
public record CommentAddRequest(String docId, String threadId, Comment comment) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("threadId", threadId).put("comment", comment.toJson());
  }

  public static CommentAddRequest fromJson(JsonObject json) {
    return new CommentAddRequest(Fields.docId(json, "docId"), StoredFields.threadId(json),
        StoredFields.storable(Comment.fromJson(Fields.object(json, "comment")), "comment"));
  }
}
