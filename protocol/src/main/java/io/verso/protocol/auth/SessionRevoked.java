package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code verso.auth.session.revoked} on logout and when a refresh family is revoked
 * because one of its rotated tokens was reused: {@code {"userId","sessionId"}}. {@code sessionId}
 * is the family id, the {@code sid} claim of every access token of that family.
 */
public record SessionRevoked(String userId, String sessionId) {
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("sessionId", sessionId);
  }

  public static SessionRevoked fromJson(JsonObject json) {
    return new SessionRevoked(Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "sessionId", OpRecord.MAX_ID_LENGTH));
  }
}
