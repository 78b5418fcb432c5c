package io.verso.protocol.doc;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A committed op, as published on {@code doc.<docId>.events} and returned by {@code catchup}:
 * {@code {"type":"op","rev","ops","clientId","seq","userId","ts"}}.
 */
public record OpEvent(long rev, JsonArray ops, String clientId, long seq, String userId, long ts) {

  public JsonObject toJson() {
    return new JsonObject().put("type", "op").put("rev", rev).put("ops", ops).put("clientId", clientId)
        .put("seq", seq).put("userId", userId).put("ts", ts);
  }

  public static OpEvent fromJson(JsonObject o) {
    return new OpEvent(
        Fields.integer(o, "rev", 1, Long.MAX_VALUE),
        Fields.array(o, "ops"),
        o.getString("clientId"),
        Fields.optInteger(o, "seq", 0, Long.MAX_VALUE, 0),
        o.getString("userId"),
        Fields.optInteger(o, "ts", 0, Long.MAX_VALUE, 0));
  }
}
