package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/**
 * Reply of register, login and refresh: the user, a signed access token (JWT) and a fresh opaque
 * refresh token, with their lifetimes in seconds (for the cookies' Max-Age).
 */
public record SessionGrant(UserInfo user, String accessToken, long accessMaxAgeSeconds,
                           String refreshToken, long refreshMaxAgeSeconds) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("user", user.toJson())
        .put("accessToken", accessToken)
        .put("accessMaxAge", accessMaxAgeSeconds)
        .put("refreshToken", refreshToken)
        .put("refreshMaxAge", refreshMaxAgeSeconds);
  }

  public static SessionGrant fromJson(JsonObject json) {
    return new SessionGrant(UserInfo.fromJson(json.getJsonObject("user")), json.getString("accessToken"),
        json.getLong("accessMaxAge"), json.getString("refreshToken"), json.getLong("refreshMaxAge"));
  }
}
