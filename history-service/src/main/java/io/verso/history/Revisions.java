package io.verso.history;

import io.verso.delta.Delta;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.OpRecord;
import io.verso.runtime.DocumentRebuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * A document at any revision: storage's latest snapshot at or before it, plus the ops after that
 * snapshot up to the revision, replayed by {@link DocumentRebuilder} exactly as the sequencer
 * rebuilds a document (so a revision's content is the one its editors saw). The replay applies each
 * read as it arrives, on a worker, so it holds the document and one read of ops (storage's byte
 * budget), never the whole span: an editor's huge ops can make an old revision slow to open, not a
 * node run out of memory. Snapshot retention bounds the span to about 2,000 ops.
 */
final class Revisions {
  private final Vertx vertx;
  private final HistoryStore store;

  Revisions(Vertx vertx, HistoryStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** The content at {@code rev} (0..head, checked by the caller). */
  Future<Delta> content(String docId, long rev) {
    if (rev == 0) {
      return Future.succeededFuture(DocumentRebuilder.EMPTY_DOCUMENT);
    }
    return store.snapshotAt(docId, rev)
        .compose(snap -> vertx.executeBlocking(() -> new DocumentRebuilder(docId, snap.content(), snap.rev()), false))
        .compose(rebuilt -> replay(docId, rebuilt, rev))
        .compose(rebuilt -> vertx.executeBlocking(() -> rebuilt.document().toDelta(), false));
  }

  private Future<DocumentRebuilder> replay(String docId, DocumentRebuilder rebuilt, long toRev) {
    if (rebuilt.rev() >= toRev) {
      return Future.succeededFuture(rebuilt);
    }
    return read(docId, rebuilt.rev(), toRev).compose(chunk -> vertx.executeBlocking(() -> {
      for (OpRecord op : chunk) {
        rebuilt.apply(op.rev(), op.ops());
      }
      return rebuilt;
    }, false)).compose(r -> replay(docId, r, toRev));
  }

  /**
   * The ops after {@code fromRev} up to {@code toRev}, ascending, held at once: at most
   * {@code maxReads} reads of storage's byte budget ({@link HistoryStore#RANGE_BYTES} each), else
   * TOO_LARGE — a span of huge ops must not fill the heap.
   */
  Future<List<OpRecord>> ops(String docId, long fromRev, long toRev, int maxReads) {
    return more(docId, fromRev, toRev, maxReads, new ArrayList<>());
  }

  private Future<List<OpRecord>> more(String docId, long after, long toRev, int readsLeft, List<OpRecord> acc) {
    if (after >= toRev) {
      return Future.succeededFuture(acc);
    }
    if (readsLeft == 0) {
      return Future.failedFuture(ErrorCode.TOO_LARGE.exception(
          "the ops up to revision " + toRev + " are too large to compare at once; compare a shorter span"));
    }
    return read(docId, after, toRev).compose(chunk -> {
      acc.addAll(chunk);
      return more(docId, chunk.get(chunk.size() - 1).rev(), toRev, readsLeft - 1, acc);
    });
  }

  /** One read of the ops after {@code after}; never empty (a log ending early is broken: INTERNAL). */
  private Future<List<OpRecord>> read(String docId, long after, long toRev) {
    return store.range(docId, after, toRev).compose(chunk -> chunk.isEmpty()
        ? Future.failedFuture(ErrorCode.INTERNAL.exception(
            "op log of " + docId + " ends at " + after + ", before revision " + toRev))
        : Future.succeededFuture(chunk));
  }
}
