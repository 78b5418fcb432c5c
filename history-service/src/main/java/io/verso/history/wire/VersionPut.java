package io.verso.history.wire;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.json.JsonObject;

/** {@code verso.history.version.put}: {@code {"docId","rev","name"}}, the name checked as storage checks it. */
public record VersionPut(String docId, long rev, String name) {
  public static VersionPut fromJson(JsonObject o) {
    return new VersionPut(Fields.docId(o, "docId"), Fields.integer(o, "rev", 0, Long.MAX_VALUE / 2),
        VersionPutRequest.name(o));
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("rev", rev).put("name", name);
  }
}
