package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** A thread's anchor as the room saves it: {@code {"id","index","length","detached"}} (the revision is the request's). */
public record ThreadAnchor(String id, int index, int length, boolean detached) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("index", index).put("length", length).put("detached", detached);
  }

  public static ThreadAnchor fromJson(JsonObject json) {
    return new ThreadAnchor(CommentLimits.id(json, "id"),
        (int) Fields.integer(json, "index", 0, Integer.MAX_VALUE),
        (int) Fields.integer(json, "length", 0, Integer.MAX_VALUE),
        StoredFields.bool(json, "detached"));
  }
}
