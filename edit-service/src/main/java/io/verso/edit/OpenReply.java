package io.verso.edit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer to an {@code open}: {@code {"rev","content","title","role"}}, the committed content at
 * {@code rev} as a Quill delta.
 */
public record OpenReply(long rev, JsonArray content, String title, String role) {
  public JsonObject toJson() {
    return new JsonObject().put("rev", rev).put("content", content).put("role", role).put("title", title);
  }
}
