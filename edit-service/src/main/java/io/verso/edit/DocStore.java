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

  /**
   * Committed ops with {@code fromExclusive < rev <= toInclusive}, ascending, at most {@code limit},
   * ending early (after the first) once they hold {@code maxBytes} bytes of JSON.
   */
  Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit, long maxBytes);

  /** The revision that a user's already committed (clientId, seq) got; NOT_FOUND otherwise. */
  Future<Long> findRev(String docId, String userId, String clientId, long seq);

  /** Saves the content at {@code rev} and who wrote it ({@code authorship} runs; null: not kept). */
  Future<Void> saveSnapshot(String docId, long rev, JsonArray content, JsonArray authorship);

  Future<String> title(String docId);

  /** The user a client id belongs to in a document, its highest committed seq and the revision it got. */
  record ClientMark(String userId, long seq, long rev) {}

  /**
   * @param snapshot    content at {@code snapshotRev}, or null when there is no snapshot (rev 0)
   * @param ops         the ops after {@code snapshotRev}, ascending
   * @param authorship  the snapshot's authorship runs, or null when it has none
   */
  record Loaded(String title, long headRev, long snapshotRev, JsonArray snapshot, List<OpEvent> ops,
      Map<String, ClientMark> clients, JsonArray authorship) {
    public Loaded(String title, long headRev, long snapshotRev, JsonArray snapshot, List<OpEvent> ops,
        Map<String, ClientMark> clients) {
      this(title, headRev, snapshotRev, snapshot, ops, clients, null);
    }
  }
}
