package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonObject;

/**
 * {@code {"docId","userId","role"?}}: STORAGE_MEMBER_GET ({@code {"docId","userId"}} →
 * {@code {"role":"owner"|"editor"|"commenter"|"viewer"|null}}), STORAGE_MEMBER_PUT (role required →
 * {@code {}}), STORAGE_MEMBER_REMOVE ({@code {"docId","userId"}} → {@code {"removed":bool}}).
 * {@code role} is null when absent.
 */
public record MemberRequest(String docId, String userId, Role role) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("userId", userId);
    if (role != null) {
      json.put("role", role.wire());
    }
    return json;
  }

  /** docId and userId required, role ignored. */
  public static MemberRequest fromJson(JsonObject json) {
    return new MemberRequest(Fields.docId(json, "docId"), Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH), null);
  }

  /** docId, userId and role required (STORAGE_MEMBER_PUT). */
  public static MemberRequest fromJsonWithRole(JsonObject json) {
    Object role = json.getValue("role");
    return new MemberRequest(Fields.docId(json, "docId"), Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Role.of(role instanceof String s ? s : null));
  }

  /** The reply of STORAGE_MEMBER_GET. */
  public static JsonObject roleReply(Role role) {
    return new JsonObject().put("role", role == null ? null : role.wire());
  }

  /** The role in a STORAGE_MEMBER_GET reply, or null. */
  public static Role roleOf(JsonObject reply) {
    Object r = reply.getValue("role");
    return r instanceof String s ? Role.of(s) : null;
  }
}
