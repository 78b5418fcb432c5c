package io.verso.history;

import io.verso.delta.HistorySessions.Entry;
import io.verso.history.HistoryAccess.Access;
import io.verso.history.wire.PageRequest;
import io.verso.protocol.storage.NamedVersions.Version;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verso.history.page}: whole history entries, newest first, as storage groups them
 * ({@code verso.storage.history.entries}: one read, from its cache of grouped blocks, never the whole
 * log), or the named versions only; each entry's authors with their display names, and on a
 * restore's entry (always its only op) the revision it restored, {@code restoredFrom}.
 */
final class HistoryPages {
  private final HistoryStore store;
  private final AuthorNames names;
  private final long gapMillis;

  HistoryPages(HistoryStore store, AuthorNames names, long gapMillis) {
    this.store = store;
    this.names = names;
    this.gapMillis = gapMillis;
  }

  Future<JsonObject> page(Access access, PageRequest req) {
    long before = req.before() == null ? access.headRev() + 1 : req.before();
    return req.named() ? named(access.docId(), before, req.limit()) : entries(access.docId(), before, req.limit());
  }

  private Future<JsonObject> entries(String docId, long before, int limit) {
    return store.entries(docId, before, limit, gapMillis).compose(page -> {
      List<String> authors = new ArrayList<>();
      page.entries().forEach(e -> authors.addAll(e.authors()));
      return names.authors(authors).map(named -> {
        Map<String, JsonObject> byId = byUser(named);
        JsonArray out = new JsonArray();
        for (Entry e : page.entries()) {
          JsonArray who = new JsonArray();
          e.authors().forEach(a -> who.add(byId.get(a).copy()));
          JsonObject entry = entry(e.fromRev(), e.toRev(), e.startTs(), e.endTs(), e.ops(), who, e.name());
          out.add(e.restoredFrom() == null ? entry : entry.put("restoredFrom", e.restoredFrom()));
        }
        return new JsonObject().put("entries", out).put("more", page.more());
      });
    });
  }

  /**
   * Named versions as entries of one revision each. {@code more} is true when the page is full: the
   * next page may then be empty, which costs one small read instead of one more version per page.
   */
  private Future<JsonObject> named(String docId, long before, int limit) {
    return store.versions(docId, before, limit).compose(versions -> names.authors(
            versions.stream().map(Version::userId).toList())
        .map(named -> {
          Map<String, JsonObject> byId = byUser(named);
          JsonArray out = new JsonArray();
          for (Version v : versions) {
            JsonArray who = v.userId() == null ? new JsonArray() : new JsonArray().add(byId.get(v.userId()).copy());
            out.add(entry(v.rev(), v.rev(), v.ts(), v.ts(), 1, who, v.name()));
          }
          return new JsonObject().put("entries", out).put("more", versions.size() == limit);
        }));
  }

  private static Map<String, JsonObject> byUser(JsonArray authors) {
    Map<String, JsonObject> byId = new HashMap<>();
    for (int i = 0; i < authors.size(); i++) {
      JsonObject a = authors.getJsonObject(i);
      byId.put(a.getString("userId"), a);
    }
    return byId;
  }

  private static JsonObject entry(long fromRev, long toRev, long startTs, long endTs, long ops, JsonArray authors,
      String name) {
    JsonObject e = new JsonObject().put("fromRev", fromRev).put("toRev", toRev).put("startTs", startTs)
        .put("endTs", endTs).put("ops", ops).put("authors", authors);
    return name == null ? e : e.put("name", name);
  }
}
