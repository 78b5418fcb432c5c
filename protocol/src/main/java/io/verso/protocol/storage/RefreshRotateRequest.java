package io.verso.protocol.storage;

import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_REFRESH_ROTATE}: {@code {"tokenHash","newTokenHash","expiresAt"}} →
 * {@link RefreshRotateResult}; reuse of a used token revokes its family and fails UNAUTHENTICATED
 * "refresh token reuse"; unknown, revoked or expired tokens fail UNAUTHENTICATED.
 */
public record RefreshRotateRequest(String tokenHash, String newTokenHash, long expiresAt) {
  public JsonObject toJson() {
    return new JsonObject().put("tokenHash", tokenHash).put("newTokenHash", newTokenHash).put("expiresAt", expiresAt);
  }

  public static RefreshRotateRequest fromJson(JsonObject json) {
    return new RefreshRotateRequest(
        Fields.string(json, "tokenHash", RefreshCreateRequest.MAX_HASH),
        Fields.string(json, "newTokenHash", RefreshCreateRequest.MAX_HASH),
        Fields.integer(json, "expiresAt", 0, RefreshCreateRequest.MAX_EXPIRES_AT));
  }
}
