package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of a trash list (STORAGE_TRASH_LIST {@code {"userId"}} and DOCS_TRASH_LIST {@code {}} →
 * {@code {"docs":[...]}}, last trashed first): {@code {"id","title","trashedAt","purgeAt"}}, times in
 * epoch milliseconds; {@code purgeAt} is when the purge deletes it for good.
 */
public record TrashedDoc(String id, String title, long trashedAt, long purgeAt) {
  /** The most a trash list holds. */
  public static final int MAX_LIST = 1000;

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("trashedAt", trashedAt).put("purgeAt", purgeAt);
  }

  public static TrashedDoc fromJson(JsonObject json) {
    return new TrashedDoc(Fields.docId(json, "id"), Fields.string(json, "title", DocRecord.MAX_TITLE),
        Fields.integer(json, "trashedAt", 0, Long.MAX_VALUE), Fields.integer(json, "purgeAt", 0, Long.MAX_VALUE));
  }

  public static JsonObject listToJson(List<TrashedDoc> docs) {
    JsonArray a = new JsonArray(new ArrayList<>(docs.size()));
    for (TrashedDoc d : docs) {
      a.add(d.toJson());
    }
    return new JsonObject().put("docs", a);
  }

  public static List<TrashedDoc> listFromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "docs");
    List<TrashedDoc> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(fromJson(Fields.element(a, i, "docs")));
    }
    return list;
  }
}
