package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** A user: {@code {"id","username","displayName","passwordHash"}} (the reply of STORAGE_USER_GET). */
public record UserRecord(String id, String username, String displayName, String passwordHash) {
  public static final int MAX_USERNAME = 64;
  public static final int MAX_DISPLAY_NAME = 100;
  public static final int MAX_PASSWORD_HASH = 512;

  public JsonObject toJson() {
    return toPublicJson().put("passwordHash", passwordHash);
  }

  /** {@code {"id","username","displayName"}}: the reply of STORAGE_USER_CREATE. */
  public JsonObject toPublicJson() {
    return new JsonObject().put("id", id).put("username", username).put("displayName", displayName);
  }

  /** Reads a user; passwordHash may be absent (the STORAGE_USER_CREATE reply), then null. */
  public static UserRecord fromJson(JsonObject json) {
    return new UserRecord(
        Fields.string(json, "id", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "username", MAX_USERNAME),
        Fields.string(json, "displayName", MAX_DISPLAY_NAME),
        Fields.optString(json, "passwordHash", MAX_PASSWORD_HASH));
  }
}
