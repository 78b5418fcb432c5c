package io.verso.edit;

import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;

/** The real store, for tests that change one call (lose a reply, hold an append) and forward the rest. */
class ForwardingStore implements DocStore {
  final DocStore real;

  ForwardingStore(DocStore real) {
    this.real = real;
  }

  @Override
  public Future<Loaded> load(String docId) {
    return real.load(docId);
  }

  @Override
  public Future<Long> append(String docId, List<OpEvent> ops) {
    return real.append(docId, ops);
  }

  @Override
  public Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit, long maxBytes) {
    return real.range(docId, fromExclusive, toInclusive, limit, maxBytes);
  }

  @Override
  public Future<Long> findRev(String docId, String userId, String clientId, long seq) {
    return real.findRev(docId, userId, clientId, seq);
  }

  @Override
  public Future<Void> saveSnapshot(String docId, long rev, JsonArray content, JsonArray authorship) {
    return real.saveSnapshot(docId, rev, content, authorship);
  }

  @Override
  public Future<String> title(String docId) {
    return real.title(docId);
  }
}
