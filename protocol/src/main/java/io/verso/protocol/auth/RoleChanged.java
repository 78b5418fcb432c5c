package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** Published on {@code verso.auth.role.changed} after every membership change; role null: removed. */
public record RoleChanged(String docId, String userId, Role role) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("userId", userId).put("role", role == null ? null : role.wire());
  }

  public static RoleChanged fromJson(JsonObject json) {
    return new RoleChanged(json.getString("docId"), json.getString("userId"), Role.fromWire(json.getString("role")));
  }
}
