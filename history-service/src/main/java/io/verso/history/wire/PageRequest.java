package io.verso.history.wire;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code verso.history.page}: {@code {"docId","before"?,"limit"? (1..100, default 20),"named"?}};
 * {@code before} is null when absent (the head + 1).
 */
public record PageRequest(String docId, Long before, int limit, boolean named) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public static PageRequest fromJson(JsonObject o) {
    Long limit = Fields.optInteger(o, "limit", 1, MAX_LIMIT);
    Object named = o.getValue("named");
    if (named != null && !(named instanceof Boolean)) {
      throw Fields.bad("named must be a boolean");
    }
    return new PageRequest(Fields.docId(o, "docId"), Fields.optInteger(o, "before", 1, Long.MAX_VALUE / 2),
        limit == null ? DEFAULT_LIMIT : limit.intValue(), Boolean.TRUE.equals(named));
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("docId", docId).put("limit", limit).put("named", named);
    return before == null ? o : o.put("before", before);
  }
}
