package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** Body of {@code verso.auth.refresh}: the opaque refresh token; the reply is a {@link SessionGrant}. */
public record RefreshRequest(String refreshToken) {
  public JsonObject toJson() {
    return new JsonObject().put("refreshToken", refreshToken);
  }

  public static RefreshRequest fromJson(JsonObject json) {
    return new RefreshRequest(json.getString("refreshToken"));
  }
}
