package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply of {@code STORAGE_VERSION_LIST}: {@code {"versions":[{"rev","name","userId","ts"}]}} newest
 * first; {@code userId} is who named the version, {@code ts} the time of the op at that rev.
 */
public record NamedVersions(List<Version> versions) {
  public NamedVersions {
    versions = List.copyOf(versions);
  }

  public record Version(long rev, String name, String userId, long ts) {
    public JsonObject toJson() {
      return new JsonObject().put("rev", rev).put("name", name).put("userId", userId).put("ts", ts);
    }

    public static Version fromJson(JsonObject json) {
      return new Version(Fields.integer(json, "rev", 1, Long.MAX_VALUE), VersionPutRequest.name(json),
          Fields.string(json, "userId", OpRecord.MAX_ID_LENGTH), Fields.integer(json, "ts", 0, Long.MAX_VALUE));
    }
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray(new ArrayList<>(versions.size()));
    versions.forEach(v -> a.add(v.toJson()));
    return new JsonObject().put("versions", a);
  }

  public static NamedVersions fromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "versions");
    List<Version> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(Version.fromJson(Fields.element(a, i, "versions")));
    }
    return new NamedVersions(list);
  }
}
