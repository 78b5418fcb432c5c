package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** A user as others may see it (never the password hash). */
public record UserInfo(String id, String username, String displayName) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("username", username).put("displayName", displayName);
  }

  public static UserInfo fromJson(JsonObject json) {
    return new UserInfo(json.getString("id"), json.getString("username"), json.getString("displayName"));
  }
}
