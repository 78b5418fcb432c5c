package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_REFRESH_REVOKE}: {@code {"familyId"}} or {@code {"tokenHash"}} (exactly one) → revokes
 * the whole family → {@code {"userId": ...|null}} (null when nothing matched).
 */
public record RefreshRevokeRequest(String familyId, String tokenHash) {
  public JsonObject toJson() {
    return familyId != null ? new JsonObject().put("familyId", familyId) : new JsonObject().put("tokenHash", tokenHash);
  }

  public static RefreshRevokeRequest fromJson(JsonObject json) {
    String familyId = Fields.optString(json, "familyId", OpRecord.MAX_ID_LENGTH);
    String tokenHash = Fields.optString(json, "tokenHash", RefreshCreateRequest.MAX_HASH);
    if ((familyId == null) == (tokenHash == null)) {
      throw Fields.bad("exactly one of familyId and tokenHash is required");
    }
    return new RefreshRevokeRequest(familyId, tokenHash);
  }

  public static JsonObject reply(String userId) {
    return new JsonObject().put("userId", userId);
  }
}
