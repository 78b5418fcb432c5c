package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_OPS_FIND}: {@code {"docId","userId","clientId","seq"}} → {@code {"rev":N}} or
 * NOT_FOUND. The user is part of the key: one user's op is never another's duplicate.
 */
public record FindRequest(String docId, String userId, String clientId, long seq) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("userId", userId).put("clientId", clientId).put("seq", seq);
  }

  public static FindRequest fromJson(JsonObject json) {
    return new FindRequest(
        Fields.docId(json, "docId"),
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "clientId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "seq", 1, Long.MAX_VALUE));
  }

  /** Builds the reply {@code {"rev":N}}. */
  public static JsonObject reply(long rev) {
    return new JsonObject().put("rev", rev);
  }
}
