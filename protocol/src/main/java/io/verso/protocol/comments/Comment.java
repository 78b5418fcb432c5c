package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.json.JsonObject;

/**
 * One comment of a thread, on the wire and in storage: {@code {"id","userId","name","text","ts","editedTs"?}}.
 * {@code name} is the author's display name when they wrote it; {@code text} is what they typed,
 * never rewritten (its limits are {@link CommentLimits}'s, checked where comments are made).
 */
public record Comment(String id, String userId, String name, String text, long ts, Long editedTs) {
  public Comment withText(String newText, long at) {
    return new Comment(id, userId, name, newText, ts, at);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("userId", userId).put("name", name)
        .put("text", text).put("ts", ts);
    if (editedTs != null) {
      json.put("editedTs", editedTs);
    }
    return json;
  }

  public static Comment fromJson(JsonObject json) {
    return new Comment(
        CommentLimits.id(json, "id"),
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "name", UserRecord.MAX_DISPLAY_NAME),
        Fields.string(json, "text", CommentLimits.MAX_TEXT_CHARS),
        Fields.integer(json, "ts", 0, Long.MAX_VALUE),
        Fields.optInteger(json, "editedTs", 0, Long.MAX_VALUE));
  }
}
