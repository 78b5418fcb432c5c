package io.verso.protocol.storage;

import io.vertx.core.json.JsonObject;

/** A client's highest committed seq in a document and the rev it got: {@code {"clientId","seq","rev"}}. */
public record ClientSeq(String clientId, long seq, long rev) {
  public JsonObject toJson() {
    return new JsonObject().put("clientId", clientId).put("seq", seq).put("rev", rev);
  }

  public static ClientSeq fromJson(JsonObject json) {
    return new ClientSeq(
        Fields.string(json, "clientId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "seq", 1, Long.MAX_VALUE),
        Fields.integer(json, "rev", 1, Long.MAX_VALUE));
  }
}
