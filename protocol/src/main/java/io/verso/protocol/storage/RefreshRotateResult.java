package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** Reply of {@code STORAGE_REFRESH_ROTATE}: {@code {"userId","familyId"}}. */
public record RefreshRotateResult(String userId, String familyId) {
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("familyId", familyId);
  }

  public static RefreshRotateResult fromJson(JsonObject json) {
    return new RefreshRotateResult(
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "familyId", OpRecord.MAX_ID_LENGTH));
  }
}
