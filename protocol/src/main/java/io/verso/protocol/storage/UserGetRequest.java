package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_USER_GET}: {@code {"username"}} or {@code {"id"}} (exactly one) → {@link UserRecord}; NOT_FOUND. */
public record UserGetRequest(String id, String username) {
  public static UserGetRequest byId(String id) {
    return new UserGetRequest(id, null);
  }

  public static UserGetRequest byUsername(String username) {
    return new UserGetRequest(null, username);
  }

  public JsonObject toJson() {
    return id != null ? new JsonObject().put("id", id) : new JsonObject().put("username", username);
  }

  public static UserGetRequest fromJson(JsonObject json) {
    String id = Fields.optString(json, "id", OpRecord.MAX_ID_LENGTH);
    String username = Fields.optString(json, "username", UserRecord.MAX_USERNAME);
    if ((id == null) == (username == null)) {
      throw Fields.bad("exactly one of id and username is required");
    }
    return new UserGetRequest(id, username);
  }
}
