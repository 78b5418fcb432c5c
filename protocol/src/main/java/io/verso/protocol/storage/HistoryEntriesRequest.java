package io.verso.protocol.storage;

import io.verso.delta.HistorySessions;
import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_HISTORY_ENTRIES}: {@code {"docId","before" (≥ 1),"limit" (1..100),"gapMs"? (≥ 1,
 * default 5 min)}} → {@link HistoryEntries}, the history entries of the ops with rev &lt; before,
 * newest first, grouped as {@link HistorySessions} groups them (blocks of 1000 revisions).
 */
public record HistoryEntriesRequest(String docId, long before, int limit, long gapMs) {
  public static final int MAX_LIMIT = 100;

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("before", before).put("limit", limit).put("gapMs", gapMs);
  }

  public static HistoryEntriesRequest fromJson(JsonObject json) {
    Long gap = Fields.optInteger(json, "gapMs", 1, Long.MAX_VALUE);
    return new HistoryEntriesRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "before", 1, Long.MAX_VALUE),
        (int) Fields.integer(json, "limit", 1, MAX_LIMIT),
        gap == null ? HistorySessions.DEFAULT_GAP_MILLIS : gap);
  }
}
