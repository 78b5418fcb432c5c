package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.verso.protocol.storage.UserRecord;
import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.member.put} ({@code {"docId","username","role"}}, reply
 * {@code {"username","role"}}) and {@code verso.auth.member.remove} ({@code {"docId","username"}},
 * reply {@code {}}). Members are named by username here (what an owner types); storage keys them by
 * user id. The acting user is never in the body: it travels in the {@code verso-user-id} header,
 * stamped by the web tier from a verified access token. {@code role} is null for a removal.
 */
public record MemberChange(String docId, String username, Role role) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("username", username);
    if (role != null) {
      json.put("role", role.wire());
    }
    return json;
  }

  /** docId and username required, role ignored (remove). */
  public static MemberChange fromJson(JsonObject json) {
    return new MemberChange(Fields.docId(json, "docId"), Fields.string(json, "username", UserRecord.MAX_USERNAME), null);
  }

  /** docId, username and role required (put). */
  public static MemberChange fromJsonWithRole(JsonObject json) {
    Object role = json.getValue("role");
    return new MemberChange(Fields.docId(json, "docId"), Fields.string(json, "username", UserRecord.MAX_USERNAME),
        Role.of(role instanceof String s ? s : null));
  }
}
