package io.verso.edit;

import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/** What a sequencer needs from durable storage. The real one is storage-service behind the event bus. */
public interface DocStore {

  /** The latest snapshot plus the ops after it; fails NOT_FOUND for an unknown document. */
  Future<Loaded> load(String docId);

  /** Commits contiguous ops whose first rev is the stored head + 1; the new head on success. */
  Future<Long> append(String docId, List<OpEvent> ops);

  /** Committed ops with {@code fromExclusive < rev <= toInclusive}, ascending, at most {@code limit}. */
  Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit);

  /** The revision that an already committed (clientId, seq) got; NOT_FOUND otherwise. */
  Future<Long> findRev(String docId, String clientId, long seq);

  Future<Void> saveSnapshot(String docId, long rev, JsonArray content);

  Future<String> title(String docId);

  /** Highest committed seq of one client in a document and the revision it got. */
  record ClientMark(long seq, long rev) {}

  /**
   * @param snapshot    content at {@code snapshotRev}, or null when there is no snapshot (rev 0)
   * @param ops         the ops after {@code snapshotRev}, ascending
   */
  record Loaded(String title, long headRev, long snapshotRev, JsonArray snapshot, List<OpEvent> ops,
      Map<String, ClientMark> clients) {}
}
