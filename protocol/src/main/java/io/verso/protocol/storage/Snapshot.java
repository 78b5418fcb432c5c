package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;

/**
 * A document's content (a delta of inserts) at a revision and, when it was kept, who wrote it:
 * {@code {"rev","content":[...],"authorship"?:[{"length","userId"|null}]}} — runs covering the
 * content, stored opaque like the content (runtime's {@code AuthorshipRuns} reads them).
 */
public record Snapshot(long rev, JsonArray content, JsonArray authorship) {
  public Snapshot(long rev, JsonArray content) {
    this(rev, content, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("rev", rev).put("content", content);
    return authorship == null ? json : json.put("authorship", authorship);
  }

  public static Snapshot fromJson(JsonObject json) {
    return new Snapshot(Fields.integer(json, "rev", 0, Long.MAX_VALUE), Fields.array(json, "content"),
        json.getValue("authorship") == null ? null : Fields.array(json, "authorship"));
  }
}
