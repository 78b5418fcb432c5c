package io.verso.history;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Display names of authors, {@code [{userId, name}]}: one storage read per user not seen before,
 * then kept (bounded): a user's display name is set at sign-up and never changes, and a page of 100
 * entries must not read its authors 100 times. A user storage does not
 * know (an op's author since deleted, the system) is named by its id; a null user (unknown
 * authorship) has a null name.
 */
final class AuthorNames {
  private static final int MAX_KEPT = 10_000;

  private final HistoryStore store;
  private final Map<String, String> kept = new ConcurrentHashMap<>();

  AuthorNames(HistoryStore store) {
    this.store = store;
  }

  Future<JsonArray> authors(Iterable<String> userIds) {
    Set<String> ids = new LinkedHashSet<>();
    userIds.forEach(ids::add);
    List<Future<JsonObject>> each = new ArrayList<>(ids.size());
    for (String id : ids) {
      each.add(name(id).map(name -> new JsonObject().put("userId", id).put("name", name)));
    }
    return Future.all(each).map(all -> {
      JsonArray out = new JsonArray();
      each.forEach(f -> out.add(f.result()));
      return out;
    });
  }

  private Future<String> name(String userId) {
    if (userId == null) {
      return Future.succeededFuture(null);
    }
    String known = kept.get(userId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return store.displayName(userId)
        .recover(err -> Failures.codeOf(err) == ErrorCode.NOT_FOUND
            ? Future.succeededFuture(userId) : Future.failedFuture(err))
        .onSuccess(name -> {
          if (kept.size() >= MAX_KEPT) {
            kept.clear();
          }
          kept.put(userId, name);
        });
  }
}
