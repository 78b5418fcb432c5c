package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** Body of {@code verso.auth.role}; the reply is {@code {"role": "owner"|"editor"|"commenter"|"viewer"|null}}. */
public record RoleQuery(String docId, String userId) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("userId", userId);
  }

  public static RoleQuery fromJson(JsonObject json) {
    return new RoleQuery(json.getString("docId"), json.getString("userId"));
  }

  /** The reply body for a role (null: not a member). */
  public static JsonObject answer(Role role) {
    return new JsonObject().put("role", role == null ? null : role.wire());
  }

  /** The role in a reply body. */
  public static Role roleOf(JsonObject reply) {
    return Role.fromWire(reply.getString("role"));
  }
}
