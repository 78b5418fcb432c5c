package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/** One member of a document, as listed by {@code verso.auth.member.list} ({@code {"members":[…]}}). */
public record Member(String userId, String username, String displayName, Role role) {
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("username", username).put("displayName", displayName)
        .put("role", role.wire());
  }

  public static Member fromJson(JsonObject json) {
    return new Member(json.getString("userId"), json.getString("username"), json.getString("displayName"),
        Role.fromWire(json.getString("role")));
  }
}
