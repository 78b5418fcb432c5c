package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed (or to-be-committed) op of a document's log:
 * {@code {"rev","clientId","seq","userId","ts","ops":[quill delta ops]}}. {@code ops} is stored opaque.
 */
public record OpRecord(long rev, String clientId, long seq, String userId, long ts, JsonArray ops) {
  public static final int MAX_ID_LENGTH = 128;

  public JsonObject toJson() {
    return new JsonObject()
        .put("rev", rev)
        .put("clientId", clientId)
        .put("seq", seq)
        .put("userId", userId)
        .put("ts", ts)
        .put("ops", ops);
  }

  public static OpRecord fromJson(JsonObject json) {
    return new OpRecord(
        Fields.integer(json, "rev", 1, Long.MAX_VALUE),
        Fields.string(json, "clientId", MAX_ID_LENGTH),
        Fields.integer(json, "seq", 1, Long.MAX_VALUE),
        Fields.string(json, "userId", MAX_ID_LENGTH),
        Fields.integer(json, "ts", 0, Long.MAX_VALUE),
        Fields.array(json, "ops"));
  }

  public static JsonArray toJsonArray(List<OpRecord> ops) {
    JsonArray a = new JsonArray(new ArrayList<>(ops.size()));
    for (OpRecord op : ops) {
      a.add(op.toJson());
    }
    return a;
  }

  public static List<OpRecord> listFromJson(JsonArray array, String what) {
    List<OpRecord> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(fromJson(Fields.element(array, i, what)));
    }
    return list;
  }
}
