package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_REFRESH_ROTATE}: {@code {"tokenHash","newTokenHash","expiresAt","graceMs"?}} →
 * {@link RefreshRotateResult}. The token is marked used and {@code newTokenHash} stored as its
 * successor. A token already used is reuse — its family is revoked and the request fails
 * UNAUTHENTICATED "refresh token reuse" — except within {@code graceMs} (0..3600000, default 0) of
 * its rotation when {@code newTokenHash} is the successor stored then and that successor is still
 * unused: then the same result is answered again and nothing changes (two tabs refreshing at once).
 * Unknown, revoked or expired tokens fail UNAUTHENTICATED.
 */
public record RefreshRotateRequest(String tokenHash, String newTokenHash, long expiresAt, long graceMs) {
  public static final long MAX_GRACE_MS = 3_600_000;

  public RefreshRotateRequest(String tokenHash, String newTokenHash, long expiresAt) {
    this(tokenHash, newTokenHash, expiresAt, 0);
  }

  public JsonObject toJson() {
    return new JsonObject().put("tokenHash", tokenHash).put("newTokenHash", newTokenHash).put("expiresAt", expiresAt)
        .put("graceMs", graceMs);
  }

  public static RefreshRotateRequest fromJson(JsonObject json) {
    Long grace = Fields.optInteger(json, "graceMs", 0, MAX_GRACE_MS);
    return new RefreshRotateRequest(
        Fields.string(json, "tokenHash", RefreshCreateRequest.MAX_HASH),
        Fields.string(json, "newTokenHash", RefreshCreateRequest.MAX_HASH),
        Fields.integer(json, "expiresAt", 0, RefreshCreateRequest.MAX_EXPIRES_AT),
        grace == null ? 0 : grace);
  }
}
