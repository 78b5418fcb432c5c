package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * STORAGE_USER_SEARCH: {@code {"q","limit"}} → {@code {"users":[{"username","displayName"}]}}, users
 * whose username or display name starts with {@code q} (case-insensitive), by username. Only those two
 * fields: never an id or a hash.
 */
public record UserSearchRequest(String q, int limit) {
  public static final int MAX_LIMIT = 10;
  public static final int MAX_QUERY = 64;

  /** One match: what the share dialog shows. */
  public record Match(String username, String displayName) {
    JsonObject toJson() {
      return new JsonObject().put("username", username).put("displayName", displayName);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("q", q).put("limit", limit);
  }

  public static UserSearchRequest fromJson(JsonObject json) {
    return new UserSearchRequest(Fields.string(json, "q", MAX_QUERY), (int) Fields.integer(json, "limit", 1, MAX_LIMIT));
  }

  public static JsonObject reply(List<Match> matches) {
    return new JsonObject().put("users", new JsonArray(matches.stream().map(m -> (Object) m.toJson()).toList()));
  }

  public static List<Match> matchesOf(JsonObject reply) {
    JsonArray users = Fields.array(reply, "users");
    return java.util.stream.IntStream.range(0, users.size()).mapToObj(i -> Fields.element(users, i, "user"))
        .map(u -> new Match(Fields.string(u, "username", UserRecord.MAX_USERNAME),
            Fields.string(u, "displayName", UserRecord.MAX_DISPLAY_NAME)))
        .toList();
  }
}
