package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of {@code STORAGE_DOC_LIST} ({@code {"userId"}} → {@code {"docs":[...]}}, newest first):
 * {@code {"id","title","role","updatedAt","match"?}}. {@code match}, only in the answer to a query:
 * {@link #TITLE} when the title contains it, else {@link #TEXT} (found only in the document's text).
 */
public record DocSummary(String id, String title, Role role, long updatedAt, String match) {
  public static final String TITLE = "title";
  public static final String TEXT = "text";

  /** An entry listed without a query (no {@code match}). */
  public DocSummary(String id, String title, Role role, long updatedAt) {
    this(id, title, role, updatedAt, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("title", title).put("role", role.wire()).put("updatedAt", updatedAt);
    return match == null ? json : json.put("match", match);
  }

  public static DocSummary fromJson(JsonObject json) {
    return new DocSummary(
        Fields.docId(json, "id"),
        Fields.string(json, "title", DocRecord.MAX_TITLE),
        Role.of(json.getValue("role") instanceof String s ? s : null),
        Fields.integer(json, "updatedAt", 0, Long.MAX_VALUE),
        match(json.getValue("match")));
  }

  private static String match(Object m) {
    if (m == null || TITLE.equals(m) || TEXT.equals(m)) {
      return (String) m;
    }
    throw Fields.bad("match must be " + TITLE + " or " + TEXT);
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
