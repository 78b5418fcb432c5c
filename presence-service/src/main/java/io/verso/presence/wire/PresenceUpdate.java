package io.verso.presence.wire;

import io.verso.protocol.presence.Presence;
import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * {@code {"action":"update","docId","clientId","rev","selection"}}: where one editor tab's cursor or
 * selection is, at document revision {@code rev}. {@code selection == null} when the editor lost focus.
 */
public record PresenceUpdate(String docId, String clientId, long rev, Selection selection) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("action", Presence.ACTION_UPDATE)
        .put("docId", docId)
        .put("clientId", clientId)
        .put("rev", rev)
        .put("selection", selection == null ? null : selection.toJson());
  }

  /** The checked update in a request body (BAD_REQUEST on any malformed field). */
  public static PresenceUpdate fromJson(JsonObject json) {
    if (!json.containsKey("selection")) {
      throw ErrorCode.BAD_REQUEST.exception("selection is required (null when the editor has no focus)");
    }
    return new PresenceUpdate(PresenceFields.docId(json), PresenceFields.clientId(json),
        PresenceFields.nonNegative(json, "rev", Long.MAX_VALUE), Selection.fromJson(json.getValue("selection")));
  }
}
