package io.verso.presence.wire;


import io.vertx.core.json.JsonObject;

/** One editor tab on one document: the body of {@code heartbeat} and {@code leave}, and a map key. */
public record ClientRef(String docId, String clientId) {

  /** {@code {"action":action,"docId","clientId"}}. */
  public JsonObject toJson(String action) {
    return new JsonObject().put("action", action).put("docId", docId).put("clientId", clientId);
  }

  /** The checked docId and clientId of a request body (BAD_REQUEST when malformed). */
  public static ClientRef fromJson(JsonObject json) {
    return new ClientRef(PresenceFields.docId(json), PresenceFields.clientId(json));
  }
}
