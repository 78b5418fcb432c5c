package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of {@code STORAGE_DOC_LIST} ({@code {"userId"}} → {@code {"docs":[...]}}, newest first):
 * {@code {"id","title","role","updatedAt"}}.
 */
public record DocSummary(String id, String title, Role role, long updatedAt) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("role", role.wire()).put("updatedAt", updatedAt);
  }

  public static DocSummary fromJson(JsonObject json) {
    return new DocSummary(
        Fields.docId(json, "id"),
        Fields.string(json, "title", DocRecord.MAX_TITLE),
        Role.of(json.getValue("role") instanceof String s ? s : null),
        Fields.integer(json, "updatedAt", 0, Long.MAX_VALUE));
  }

  public static JsonObject listToJson(List<DocSummary> docs) {
    JsonArray a = new JsonArray(new ArrayList<>(docs.size()));
    for (DocSummary d : docs) {
      a.add(d.toJson());
    }
    return new JsonObject().put("docs", a);
  }

  public static List<DocSummary> listFromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "docs");
    List<DocSummary> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(fromJson(Fields.element(a, i, "docs")));
    }
    return list;
  }
}
