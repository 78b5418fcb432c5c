package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code STORAGE_REFRESH_CREATE}: {@code {"tokenHash","familyId","userId","expiresAt"(epoch ms)}} → {@code {}}. */
public record RefreshCreateRequest(String tokenHash, String familyId, String userId, long expiresAt) {
  public static final int MAX_HASH = 256;
  /** 9999-12-31T23:59:59.999Z: later instants are refused. */
  public static final long MAX_EXPIRES_AT = 253_402_300_799_999L;

  public JsonObject toJson() {
    return new JsonObject().put("tokenHash", tokenHash).put("familyId", familyId).put("userId", userId)
        .put("expiresAt", expiresAt);
  }

  public static RefreshCreateRequest fromJson(JsonObject json) {
    return new RefreshCreateRequest(
        Fields.string(json, "tokenHash", MAX_HASH),
        Fields.string(json, "familyId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "expiresAt", 0, MAX_EXPIRES_AT));
  }
}
