package io.verso.history.wire;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code verso.history.diff}: {@code {"docId","from","to"}} with {@code 0 <= from <= to} and at
 * most {@link #MAX_SPAN} revisions between them (BAD_REQUEST otherwise; beyond the head is the
 * service's NOT_FOUND).
 */
public record DiffRequest(String docId, long from, long to) {
  /** The most revisions one diff replays: bounds its reads and its CPU. */
  public static final long MAX_SPAN = 10_000;

  public static DiffRequest fromJson(JsonObject o) {
    String docId = Fields.docId(o, "docId");
    long from = Fields.integer(o, "from", 0, Long.MAX_VALUE / 2);
    long to = Fields.integer(o, "to", 0, Long.MAX_VALUE / 2);
    if (from > to) {
      throw Fields.bad("from must not be after to");
    }
    if (to - from > MAX_SPAN) {
      throw Fields.bad("a diff spans at most " + MAX_SPAN + " revisions");
    }
    return new DiffRequest(docId, from, to);
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("from", from).put("to", to);
  }
}
