package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * A client id of a document, the user it belongs to, its highest committed seq and the revision
 * that got: {@code {"clientId","userId","seq","rev"}}.
 */
public record ClientSeq(String clientId, String userId, long seq, long rev) {
  public JsonObject toJson() {
    return new JsonObject().put("clientId", clientId).put("userId", userId).put("seq", seq).put("rev", rev);
  }

  public static ClientSeq fromJson(JsonObject json) {
    return new ClientSeq(
        Fields.string(json, "clientId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "seq", 1, Long.MAX_VALUE),
        Fields.integer(json, "rev", 1, Long.MAX_VALUE));
  }
}
