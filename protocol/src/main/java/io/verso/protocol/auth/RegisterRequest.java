package io.verso.protocol.auth;

import io.verso.protocol.storage.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.register}; the reply is a {@link SessionGrant}. Types and sizes are
 * checked here; the account rules (username alphabet, password length) in the auth-service.
 */
public record RegisterRequest(String username, String password, String displayName) {
  /** Longest string accepted in any auth field before the finer rules apply. */
  public static final int MAX_FIELD = 1024;

  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("password", password).put("displayName", displayName);
  }

  public static RegisterRequest fromJson(JsonObject json) {
    return new RegisterRequest(
        Fields.string(json, "username", MAX_FIELD),
        Fields.string(json, "password", MAX_FIELD),
        Fields.string(json, "displayName", MAX_FIELD));
  }
}
