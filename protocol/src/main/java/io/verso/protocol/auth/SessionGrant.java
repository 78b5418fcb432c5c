package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.json.JsonObject;

/**
 * Reply of register, login and refresh: the user (its public fields only: the password hash is
 * dropped on construction), a signed access token (JWT) and a fresh opaque refresh token, with their
 * lifetimes in seconds (for the cookies' Max-Age).
 */
public record SessionGrant(UserRecord user, String accessToken, long accessMaxAgeSeconds,
                           String refreshToken, long refreshMaxAgeSeconds) {
  public SessionGrant {
    if (user.passwordHash() != null) {
      user = new UserRecord(user.id(), user.username(), user.displayName(), null);
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("user", user.toPublicJson())
        .put("accessToken", accessToken)
        .put("accessMaxAge", accessMaxAgeSeconds)
        .put("refreshToken", refreshToken)
        .put("refreshMaxAge", refreshMaxAgeSeconds);
  }

  public static SessionGrant fromJson(JsonObject json) {
    return new SessionGrant(UserRecord.fromJson(Fields.object(json, "user")),
        Fields.string(json, "accessToken", 8192),
        Fields.integer(json, "accessMaxAge", 1, Long.MAX_VALUE),
        Fields.string(json, "refreshToken", RegisterRequest.MAX_FIELD),
        Fields.integer(json, "refreshMaxAge", 1, Long.MAX_VALUE));
  }
}
