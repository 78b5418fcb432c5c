package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.member.list} ({@code docId}), {@code .put} ({@code docId, username, role})
 * and {@code .remove} ({@code docId, username}). The acting user is never in the body: it travels in
 * the {@code verso-user-id} header, stamped by the web tier from a verified access token.
 * Replies: list {@code {"members":[Member…]}}, put {@code {"username","role"}}, remove {@code {}}.
 */
public record MemberRequest(String docId, String username, String role) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("username", username).put("role", role);
  }

  public static MemberRequest fromJson(JsonObject json) {
    return new MemberRequest(json.getString("docId"), json.getString("username"), json.getString("role"));
  }
}
