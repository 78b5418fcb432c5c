package io.verso.protocol.storage;

import io.vertx.core.json.JsonObject;

/** {@code STORAGE_OPS_FIND}: {@code {"docId","clientId","seq"}} → {@code {"rev":N}} or NOT_FOUND. */
public record FindRequest(String docId, String clientId, long seq) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("clientId", clientId).put("seq", seq);
  }

  public static FindRequest fromJson(JsonObject json) {
    return new FindRequest(
        Fields.docId(json, "docId"),
        Fields.string(json, "clientId", OpRecord.MAX_ID_LENGTH),
        Fields.integer(json, "seq", 1, Long.MAX_VALUE));
  }

  /** Builds the reply {@code {"rev":N}}. */
  public static JsonObject reply(long rev) {
    return new JsonObject().put("rev", rev);
  }
}
