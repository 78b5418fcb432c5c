package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of {@code STORAGE_MEMBER_LIST} ({@code {"docId"}} → {@code {"members":[...]}}):
 * {@code {"userId","username","displayName","role"}}.
 */
public record Member(String userId, String username, String displayName, Role role) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("username", username)
        .put("displayName", displayName)
        .put("role", role.wire());
  }

  public static Member fromJson(JsonObject json) {
    return new Member(
        Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH),
        Fields.string(json, "username", UserRecord.MAX_USERNAME),
        Fields.string(json, "displayName", UserRecord.MAX_DISPLAY_NAME),
        Role.of(json.getValue("role") instanceof String s ? s : null));
  }

  public static JsonObject listToJson(List<Member> members) {
    JsonArray a = new JsonArray(new ArrayList<>(members.size()));
    for (Member m : members) {
      a.add(m.toJson());
    }
    return new JsonObject().put("members", a);
  }

  public static List<Member> listFromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "members");
    List<Member> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(fromJson(Fields.element(a, i, "members")));
    }
    return list;
  }
}
