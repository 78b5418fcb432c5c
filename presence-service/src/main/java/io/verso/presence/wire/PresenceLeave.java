package io.verso.presence.wire;

import io.verso.protocol.presence.Presence;
import io.verso.protocol.ErrorCode;
import io.vertx.core.json.JsonObject;

/** Published on {@code presence.<docId>.events} when a tab is gone: {@code {"type":"leave","clientId"}}. */
public record PresenceLeave(String clientId) {

  public JsonObject toJson() {
    return new JsonObject().put("type", Presence.TYPE_LEAVE).put("clientId", clientId);
  }

  public static PresenceLeave fromJson(JsonObject json) {
    if (!Presence.TYPE_LEAVE.equals(json.getValue("type"))) {
      throw ErrorCode.BAD_REQUEST.exception("not a leave event");
    }
    return new PresenceLeave(PresenceFields.clientId(json));
  }
}
