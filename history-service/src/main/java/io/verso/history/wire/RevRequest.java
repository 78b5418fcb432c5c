package io.verso.history.wire;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code {"docId","rev"}}: of {@code verso.history.revision}, {@code .restore} and {@code .version.delete}. */
public record RevRequest(String docId, long rev) {
  public static RevRequest fromJson(JsonObject o) {
    return new RevRequest(Fields.docId(o, "docId"), Fields.integer(o, "rev", 0, Long.MAX_VALUE / 2));
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev);
  }
}
