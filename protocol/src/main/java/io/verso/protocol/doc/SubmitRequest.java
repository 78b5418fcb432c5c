package io.verso.protocol.doc;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code {"action":"submit","clientId","seq","baseRev","ops"}}: one op of one client. */
public record SubmitRequest(String clientId, long seq, long baseRev, JsonArray ops) {
  // client ids (Addresses.CLIENT_ID) are chosen by the client and kept across reconnects
  public static SubmitRequest fromJson(JsonObject o) {
    return new SubmitRequest(
        clientId(Fields.string(o, "clientId", 64)),
        Fields.integer(o, "seq", 1, Long.MAX_VALUE / 2),
        Fields.integer(o, "baseRev", 0, Long.MAX_VALUE / 2),
        Fields.array(o, "ops"));
  }

  private static String clientId(String s) {
    if (!io.verso.protocol.Addresses.isClientId(s)) {
      throw Fields.bad("clientId must be 16..64 characters of [A-Za-z0-9_-]");
    }
    return s;
  }

  public JsonObject toJson() {
    return new JsonObject().put("action", DocAction.SUBMIT).put("clientId", clientId).put("seq", seq)
        .put("baseRev", baseRev).put("ops", ops);
  }
}
