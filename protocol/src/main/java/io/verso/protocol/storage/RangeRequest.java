package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_OPS_RANGE}: {@code {"docId","fromRev" (exclusive),"toRev" (inclusive, optional),
 * "limit" (optional, default 1000, max 10000),"maxBytes" (optional)}} → {@code {"ops":[...]}}
 * ascending ({@link OpsResult}); with {@code maxBytes} the list ends early, after its first op,
 * once the ops' JSON holds that many bytes. {@code toRev} and {@code maxBytes} are null when absent.
 */
public record RangeRequest(String docId, long fromRev, Long toRev, int limit, Long maxBytes) {
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10000;

  public RangeRequest(String docId, long fromRev, Long toRev, int limit) {
    this(docId, fromRev, toRev, limit, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("fromRev", fromRev).put("limit", limit);
    if (toRev != null) {
      json.put("toRev", toRev);
    }
    if (maxBytes != null) {
      json.put("maxBytes", maxBytes);
    }
    return json;
  }

  public static RangeRequest fromJson(JsonObject json) {
    Long limit = Fields.optInteger(json, "limit", 1, MAX_LIMIT);
    return new RangeRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "fromRev", 0, Long.MAX_VALUE),
        Fields.optInteger(json, "toRev", 0, Long.MAX_VALUE),
        limit == null ? DEFAULT_LIMIT : limit.intValue(),
        Fields.optInteger(json, "maxBytes", 1, Long.MAX_VALUE));
  }
}
