package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code STORAGE_THREAD_RESOLVE}: {@code {"docId","threadId","resolved","by","ts"}} → {@code {}}.
 * {@code by} and {@code ts} are required to resolve; a reopen clears them (null here, ignored if sent).
 */
public record ThreadResolveRequest(String docId, String threadId, boolean resolved, String by, Long ts) {
  public ThreadResolveRequest {
    if (!resolved) {
      by = null;
      ts = null;
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("threadId", threadId).put("resolved", resolved);
    return resolved ? json.put("by", by).put("ts", ts) : json;
  }

  public static ThreadResolveRequest fromJson(JsonObject json) {
    boolean resolved = StoredFields.bool(json, "resolved");
    return new ThreadResolveRequest(Fields.docId(json, "docId"), StoredFields.threadId(json), resolved,
        resolved ? StoredFields.userId(json, "by") : null,
        resolved ? Fields.integer(json, "ts", 0, Long.MAX_VALUE) : null);
  }
}
