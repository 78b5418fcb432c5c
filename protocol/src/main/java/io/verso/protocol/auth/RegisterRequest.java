package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.register}; the reply is a {@link SessionGrant}. Types and sizes are
 * checked here; the account rules (username alphabet, password length) in the auth-service.
 * {@code clientAddress} is the caller's network address as the web tier saw it (sign-ups are
 * throttled per address; optional, absent ones share one allowance).
 */
public record RegisterRequest(String username, String password, String displayName, String clientAddress) {
  /** Longest string accepted in any auth field before the finer rules apply. */
  public static final int MAX_FIELD = 1024;

  public RegisterRequest(String username, String password, String displayName) {
    this(username, password, displayName, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("username", username).put("password", password).put("displayName", displayName);
    if (clientAddress != null) {
      json.put("clientAddress", clientAddress);
    }
    return json;
  }

  public static RegisterRequest fromJson(JsonObject json) {
    return new RegisterRequest(
        Fields.string(json, "username", MAX_FIELD),
        Fields.string(json, "password", MAX_FIELD),
        Fields.string(json, "displayName", MAX_FIELD),
        Fields.optString(json, "clientAddress", 256));
  }
}
