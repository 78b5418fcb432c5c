package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code STORAGE_STATS}: counters since start, {@code {"transactions","appendRequests",
 * "appendedOps","conflicts","duplicates","maxBatch"}}. {@code transactions} counts append transactions.
 */
public record StorageStats(long transactions, long appendRequests, long appendedOps, long conflicts,
    long duplicates, long maxBatch) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("transactions", transactions)
        .put("appendRequests", appendRequests)
        .put("appendedOps", appendedOps)
        .put("conflicts", conflicts)
        .put("duplicates", duplicates)
        .put("maxBatch", maxBatch);
  }

  public static StorageStats fromJson(JsonObject json) {
    return new StorageStats(
        Fields.integer(json, "transactions", 0, Long.MAX_VALUE),
        Fields.integer(json, "appendRequests", 0, Long.MAX_VALUE),
        Fields.integer(json, "appendedOps", 0, Long.MAX_VALUE),
        Fields.integer(json, "conflicts", 0, Long.MAX_VALUE),
        Fields.integer(json, "duplicates", 0, Long.MAX_VALUE),
        Fields.integer(json, "maxBatch", 0, Long.MAX_VALUE));
  }
}
