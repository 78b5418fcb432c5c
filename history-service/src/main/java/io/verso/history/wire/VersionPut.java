package io.verso.history.wire;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code verso.history.version.put}: {@code {"docId","rev","name"}}. The name's finer rules (no
 * lone surrogate, 1..100 characters after storage's checks) are storage's, which answers BAD_REQUEST.
 */
public record VersionPut(String docId, long rev, String name) {
  public static final int MAX_NAME = 100;

  public static VersionPut fromJson(JsonObject o) {
    return new VersionPut(Fields.docId(o, "docId"), Fields.integer(o, "rev", 0, Long.MAX_VALUE / 2),
        Fields.string(o, "name", MAX_NAME));
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev).put("name", name);
  }
}
