package io.verso.presence.wire;

import io.verso.protocol.presence.Presence;
import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code presence.<docId>.events} and listed by {@code list}:
 * {@code {"type":"presence","clientId","userId","name","color","rev","selection"}}.
 */
public record PresenceEvent(String clientId, String userId, String name, String color, long rev,
    Selection selection) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", Presence.TYPE_PRESENCE)
        .put("clientId", clientId)
        .put("userId", userId)
        .put("name", name)
        .put("color", color)
        .put("rev", rev)
        .put("selection", selection == null ? null : selection.toJson());
  }

  public static PresenceEvent fromJson(JsonObject json) {
    if (!Presence.TYPE_PRESENCE.equals(json.getValue("type"))) {
      throw ErrorCode.BAD_REQUEST.exception("not a presence event");
    }
    return new PresenceEvent(PresenceFields.clientId(json), PresenceFields.string(json, "userId", null),
        PresenceFields.string(json, "name", null), PresenceFields.string(json, "color", null),
        PresenceFields.nonNegative(json, "rev", Long.MAX_VALUE), Selection.fromJson(json.getValue("selection")));
  }
}
