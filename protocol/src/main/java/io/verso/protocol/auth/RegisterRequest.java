package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** Body of {@code verso.auth.register}; the reply is a {@link SessionGrant}. */
public record RegisterRequest(String username, String password, String displayName) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("password", password).put("displayName", displayName);
  }

  /** Reads the fields; a field of the wrong JSON type throws ClassCastException (BAD_REQUEST). */
  public static RegisterRequest fromJson(JsonObject json) {
    return new RegisterRequest(json.getString("username"), json.getString("password"), json.getString("displayName"));
  }
}
