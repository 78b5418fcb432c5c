package io.verso.protocol.storage;

import io.verso.protocol.DeltaJson;
import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_VERSION_PUT}: {@code {"docId","rev" (1..head),"name","userId"}} → {@code {"rev","name"}};
 * replaces the rev's name if it had one. A name is 1..{@link #MAX_NAME} UTF-16 units (so at most 300
 * UTF-8 bytes), no NUL, no lone surrogate; it is stored as given, never trimmed or repaired.
 */
public record VersionPutRequest(String docId, long rev, String name, String userId) {
  public static final int MAX_NAME = 100;

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev).put("name", name).put("userId", userId);
  }

  public static VersionPutRequest fromJson(JsonObject json) {
    return new VersionPutRequest(Fields.docId(json, "docId"), Fields.integer(json, "rev", 1, Long.MAX_VALUE),
        name(json), Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH));
  }

  /** The field {@code name} of {@code json}, checked as a version name. */
  public static String name(JsonObject json) {
    String name = Fields.string(json, "name", MAX_NAME);
    if (!DeltaJson.isWellFormed(name)) {
      throw Fields.bad("name must not contain a lone UTF-16 surrogate");
    }
    return name;
  }

  /** The reply: {@code {"rev","name"}}. */
  public JsonObject reply() {
    return new JsonObject().put("rev", rev).put("name", name);
  }
}
