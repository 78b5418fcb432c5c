package io.verso.protocol.doc;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
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

  /** The event of a committed op-log record. */
  public static OpEvent of(OpRecord r) {
    return new OpEvent(r.rev(), r.ops(), r.clientId(), r.seq(), r.userId(), r.ts());
  }

  public OpRecord toRecord() {
    return new OpRecord(rev, clientId, seq, userId, ts, ops);
  }

  private static long optLong(JsonObject o, String key) {
    Long v = Fields.optInteger(o, key, 0, Long.MAX_VALUE);
    return v == null ? 0 : v;
  }

  public static OpEvent fromJson(JsonObject o) {
    return new OpEvent(
        Fields.integer(o, "rev", 1, Long.MAX_VALUE),
        Fields.array(o, "ops"),
        o.getString("clientId"),
        optLong(o, "seq"),
        o.getString("userId"),
        optLong(o, "ts"));
  }
}
