package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_HISTORY_META}: {@code {"docId","before" (≥ 1),"limit" (1..4096)}} → {@link HistoryMeta},
 * the metadata of the ops with rev &lt; before, newest first.
 */
public record HistoryMetaRequest(String docId, long before, int limit) {
  public static final int MAX_LIMIT = 4096;

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("before", before).put("limit", limit);
  }

  public static HistoryMetaRequest fromJson(JsonObject json) {
    return new HistoryMetaRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "before", 1, Long.MAX_VALUE),
        (int) Fields.integer(json, "limit", 1, MAX_LIMIT));
  }
}
