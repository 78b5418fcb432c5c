package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * A document: {@code {"id","title","ownerId","headRev","createdAt","updatedAt"}}; times are epoch
 * milliseconds (server clock).
 */
public record DocRecord(String id, String title, String ownerId, long headRev, long createdAt, long updatedAt) {
  public static final int MAX_TITLE = 200;

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("ownerId", ownerId)
        .put("headRev", headRev)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }

  public static DocRecord fromJson(JsonObject json) {
    return new DocRecord(
        Fields.docId(json, "id"),
        Fields.string(json, "title", MAX_TITLE),
        Fields.string(json, "ownerId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "headRev", 0, Long.MAX_VALUE),
        Fields.integer(json, "createdAt", 0, Long.MAX_VALUE),
        Fields.integer(json, "updatedAt", 0, Long.MAX_VALUE));
  }

  /** The {@code title} field, trimmed, 1..200 characters, or BAD_REQUEST. */
  public static String title(JsonObject json) {
    Object v = json.getValue("title");
    if (!(v instanceof String s)) {
      throw Fields.bad(v == null ? "title is required" : "title must be a string");
    }
    String t = s.strip();
    if (t.indexOf('\0') >= 0) {
      throw Fields.bad("title must not contain a NUL character");
    }
    if (t.isEmpty() || t.length() > MAX_TITLE) {
      throw Fields.bad("title must be 1.." + MAX_TITLE + " characters");
    }
    return t;
  }
}
