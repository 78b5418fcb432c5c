package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code {"userId"}}: the request of STORAGE_DOC_LIST. */
public record UserIdRequest(String userId) {
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId);
  }

  public static UserIdRequest fromJson(JsonObject json) {
    return new UserIdRequest(Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH));
  }
}
