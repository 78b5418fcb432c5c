package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_VERSION_LIST}: {@code {"docId","before" (≥ 1),"limit" (1..100)}} →
 * {@link NamedVersions}, the named versions with rev &lt; before, newest first.
 */
public record VersionListRequest(String docId, long before, int limit) {
  public static final int MAX_LIMIT = 100;

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("before", before).put("limit", limit);
  }

  public static VersionListRequest fromJson(JsonObject json) {
    return new VersionListRequest(
        Fields.docId(json, "docId"),
        Fields.integer(json, "before", 1, Long.MAX_VALUE),
        (int) Fields.integer(json, "limit", 1, MAX_LIMIT));
  }
}
