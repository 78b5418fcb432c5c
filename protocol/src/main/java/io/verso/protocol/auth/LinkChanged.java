package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code verso.auth.link.changed} once a document's share link changed (role, reset,
 * turned off, document deleted): {@code {"docId"}}. Every web tier asks again the role of each socket
 * that uses a link on that document, before it reads another frame of it.
 */
public record LinkChanged(String docId) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId);
  }

  public static LinkChanged fromJson(JsonObject json) {
    return new LinkChanged(Fields.docId(json, "docId"));
  }
}
