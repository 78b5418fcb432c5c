package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.login}. {@code clientAddress} is the caller's network address as the web
 * tier saw it (used for per-address login throttling; optional); the reply is a {@link SessionGrant}.
 * A missing field or one of the wrong type is BAD_REQUEST; a well-typed but wrong value is the
 * generic UNAUTHENTICATED of a failed login.
 */
public record LoginRequest(String username, String password, String clientAddress) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("password", password).put("clientAddress", clientAddress);
  }

  public static LoginRequest fromJson(JsonObject json) {
    return new LoginRequest(
        Fields.string(json, "username", RegisterRequest.MAX_FIELD),
        Fields.string(json, "password", RegisterRequest.MAX_FIELD),
        Fields.optString(json, "clientAddress", 256));
  }
}
