package io.verso.history;

import io.verso.history.HistoryAccess.Access;
import io.verso.protocol.Fields;
import io.verso.protocol.doc.DocAction;
import io.verso.runtime.DocumentClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verso.history.authorship}: who wrote each character now. The document's sequencer keeps the
 * runs incrementally (its {@code authorship} action, asked as the acting user); this adds the
 * authors' display names.
 */
final class DocAuthorship {
  private final DocumentClient documents;
  private final AuthorNames names;
  private final long timeoutMs;

  DocAuthorship(DocumentClient documents, AuthorNames names, long timeoutMs) {
    this.documents = documents;
    this.names = names;
    this.timeoutMs = timeoutMs;
  }

  Future<JsonObject> of(Access access) {
    return documents.request(access.docId(), new JsonObject().put("action", DocAction.AUTHORSHIP), access.stamped(timeoutMs))
        .map(m -> Fields.body(m.body()))
        .compose(reply -> {
          JsonArray runs = Fields.array(reply, "runs");
          List<String> users = new ArrayList<>(runs.size());
          for (int i = 0; i < runs.size(); i++) {
            users.add(Fields.element(runs, i, "runs").getString("userId"));
          }
          return names.authors(users).map(authors -> new JsonObject()
              .put("rev", Fields.integer(reply, "rev", 0, Long.MAX_VALUE)).put("runs", runs).put("authors", authors));
        });
  }
}
