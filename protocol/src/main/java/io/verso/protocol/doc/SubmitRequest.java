package io.verso.protocol.doc;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code {"action":"submit","clientId","seq","baseRev","ops"}}: one op of one client. */
public record SubmitRequest(String clientId, long seq, long baseRev, JsonArray ops) {

  public static SubmitRequest fromJson(JsonObject o) {
    return new SubmitRequest(
        Fields.string(o, "clientId", Fields.CLIENT_ID),
        Fields.integer(o, "seq", 1, Long.MAX_VALUE / 2),
        Fields.integer(o, "baseRev", 0, Long.MAX_VALUE / 2),
        Fields.array(o, "ops"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("action", DocAction.SUBMIT).put("clientId", clientId).put("seq", seq)
        .put("baseRev", baseRev).put("ops", ops);
  }
}
