package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.refresh}: the opaque refresh token (absent when the client has none,
 * which is UNAUTHENTICATED, not malformed); the reply is a {@link SessionGrant}.
 */
public record RefreshRequest(String refreshToken) {
  public JsonObject toJson() {
    return new JsonObject().put("refreshToken", refreshToken);
  }

  public static RefreshRequest fromJson(JsonObject json) {
    return new RefreshRequest(Fields.optString(json, "refreshToken", RegisterRequest.MAX_FIELD));
  }
}
