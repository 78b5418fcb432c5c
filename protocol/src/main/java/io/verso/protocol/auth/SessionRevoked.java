package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/**
 * Published on {@code verso.auth.session.revoked} on logout and when a refresh family is revoked
 * (reuse detected). {@code sessionId} is the family id ({@code sid} claim of the access tokens of that
 * family) when known, else null.
 */
public record SessionRevoked(String userId, String sessionId) {
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("sessionId", sessionId);
  }

  public static SessionRevoked fromJson(JsonObject json) {
    return new SessionRevoked(json.getString("userId"), json.getString("sessionId"));
  }
}
