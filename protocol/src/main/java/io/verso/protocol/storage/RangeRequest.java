package io.verso.protocol.storage;

import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_OPS_RANGE}: {@code {"docId","fromRev" (exclusive),"toRev" (inclusive, optional),
 * "limit" (optional, default 1000, max 10000)}} → {@code {"ops":[...]}} ascending ({@link OpsResult}).
 * {@code toRev} is null when absent.
 */
public record RangeRequest(String docId, long fromRev, Long toRev, int limit) {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10000;

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("fromRev", fromRev).put("limit", limit);
    if (toRev != null) {
      json.put("toRev", toRev);
    }
    return json;
  }

  public static RangeRequest fromJson(JsonObject json) {
    Long limit = Fields.optInteger(json, "limit", 1, MAX_LIMIT);
    return new RangeRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "fromRev", 0, Long.MAX_VALUE),
        Fields.optInteger(json, "toRev", 0, Long.MAX_VALUE),
        limit == null ? DEFAULT_LIMIT : limit.intValue());
  }
}
