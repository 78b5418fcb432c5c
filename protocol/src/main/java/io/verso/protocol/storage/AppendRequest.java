package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code STORAGE_OPS_APPEND}: {@code {"docId","ops":[OpRecord...]}}. The revs are contiguous and the
 * first is the document's head + 1; all-or-nothing. Reply: {@link AppendResult}.
 * Validation (non-empty, contiguous) happens in {@link #fromJson}.
 */
public record AppendRequest(String docId, List<OpRecord> ops) {
  public AppendRequest {
    ops = List.copyOf(ops);
  }

  public long firstRev() {
    return ops.get(0).rev();
  }

  public long lastRev() {
    return ops.get(ops.size() - 1).rev();
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("ops", OpRecord.toJsonArray(ops));
  }

  public static AppendRequest fromJson(JsonObject json) {
    String docId = Fields.docId(json, "docId");
    List<OpRecord> ops = OpRecord.listFromJson(Fields.array(json, "ops"), "ops");
    if (ops.isEmpty()) {
      throw Fields.bad("ops must not be empty");
    }
    for (int i = 1; i < ops.size(); i++) {
      if (ops.get(i).rev() != ops.get(i - 1).rev() + 1) {
        throw Fields.bad("revs must be contiguous");
      }
    }
    return new AppendRequest(docId, ops);
  }
}
