package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.logout}: the refresh token (if the client still has one) and/or the
 * session id ({@code sid} of a verified access token), both optional. Every family named is revoked;
 * reply {@code {}}.
 */
public record LogoutRequest(String refreshToken, String sessionId) {
  public JsonObject toJson() {
    return new JsonObject().put("refreshToken", refreshToken).put("sessionId", sessionId);
  }

  public static LogoutRequest fromJson(JsonObject json) {
    return new LogoutRequest(Fields.optString(json, "refreshToken", RegisterRequest.MAX_FIELD),
        Fields.optString(json, "sessionId", 128));
  }
}
