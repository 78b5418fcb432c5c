package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_USER_CREATE}: {@code {"username","displayName","passwordHash"}} →
 * {@code {"id","username","displayName"}} ({@link UserRecord#toPublicJson()}); a taken username is
 * CONFLICT "username taken".
 */
public record UserCreateRequest(String username, String displayName, String passwordHash) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("passwordHash", passwordHash);
  }

  public static UserCreateRequest fromJson(JsonObject json) {
    return new UserCreateRequest(
        Fields.string(json, "username", UserRecord.MAX_USERNAME),
        Fields.string(json, "displayName", UserRecord.MAX_DISPLAY_NAME),
        Fields.string(json, "passwordHash", UserRecord.MAX_PASSWORD_HASH));
  }
}
