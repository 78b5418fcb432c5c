package io.verso.presence;

import io.verso.presence.wire.ClientRef;
import io.verso.presence.wire.PresenceEvent;
import io.vertx.core.json.JsonObject;

/** One client's presence as kept in Redis: the published event plus its document and serving node. */
record StoredEntry(String docId, String nodeId, PresenceEvent event) {

  ClientRef ref() {
    return new ClientRef(docId, event.clientId());
  }

  JsonObject toJson() {
    return event.toJson().put("docId", docId).put("nodeId", nodeId);
  }

  /** The entry in a stored JSON text; throws on anything malformed. */
  static StoredEntry parse(String text) {
    JsonObject json = new JsonObject(text);
    return new StoredEntry(json.getString("docId"), json.getString("nodeId"), PresenceEvent.fromJson(json));
  }
}
