package io.verso.history;

import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.Entry;
import io.verso.delta.HistorySessions.Page;
import io.verso.history.HistoryAccess.Access;
import io.verso.history.wire.PageRequest;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.NamedVersions.Version;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verso.history.page}: whole history entries, newest first, read backwards from storage's op
 * metadata through a {@link HistorySessions.Pager} (a read per {@code readSize} ops, never the
 * whole log), or the named versions only; each entry's authors with their display names.
 */
final class HistoryPages {
  private final HistoryStore store;
  private final AuthorNames names;
  private final HistorySessions sessions;

  HistoryPages(HistoryStore store, AuthorNames names, HistorySessions sessions) {
    this.store = store;
    this.names = names;
    this.sessions = sessions;
  }

  Future<JsonObject> page(Access access, PageRequest req) {
    long before = req.before() == null ? access.headRev() + 1 : req.before();
    return req.named() ? named(access.docId(), before, req.limit()) : entries(access.docId(), before, req.limit());
  }

  private Future<JsonObject> entries(String docId, long before, int limit) {
    return read(docId, sessions.pager(before, limit)).compose(page -> {
      List<String> authors = new ArrayList<>();
      page.entries().forEach(e -> authors.addAll(e.authors()));
      return names.authors(authors).map(named -> {
        Map<String, JsonObject> byId = byUser(named);
        JsonArray out = new JsonArray();
        for (Entry e : page.entries()) {
          JsonArray who = new JsonArray();
          e.authors().forEach(a -> who.add(byId.get(a).copy()));
          out.add(entry(e.fromRev(), e.toRev(), e.startTs(), e.endTs(), e.ops(), who, e.name()));
        }
        return new JsonObject().put("entries", out).put("more", page.more());
      });
    });
  }

  /** Feeds the pager storage's metadata until its page is complete. */
  private Future<Page> read(String docId, HistorySessions.Pager pager) {
    if (pager.cursor() <= 1) { // no revision below 1: the log's start, without asking
      pager.feed(List.of());
      return Future.succeededFuture(pager.page());
    }
    int max = Math.min(pager.readSize(), HistoryMetaRequest.MAX_LIMIT);
    return store.meta(docId, pager.cursor(), max)
        .compose(chunk -> pager.feed(chunk) ? Future.succeededFuture(pager.page()) : read(docId, pager));
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
