package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonObject;

/**
 * Published on {@code verso.auth.role.changed} after every membership change:
 * {@code {"docId","userId","role"}} where role is the new role, or {@code "none"} when the user was
 * removed (or the document deleted). {@code role()} is null for "none".
 */
public record RoleChanged(String docId, String userId, Role role) {
  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("userId", userId).put("role", Role.wireOrNone(role));
  }

  public static RoleChanged fromJson(JsonObject json) {
    return new RoleChanged(Fields.docId(json, "docId"), Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Role.ofWireOrNone(Fields.string(json, "role", 16)));
  }
}
