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
 * rebuilds a document (so a revision's content is the one its editors saw). The replay runs on a
 * worker: it costs the snapshot's size plus the ops between it and the revision (snapshot
 * retention bounds those to about 2,000).
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
    return store.snapshotAt(docId, rev).compose(snap -> ops(docId, snap.rev(), rev)
        .compose(ops -> vertx.executeBlocking(() -> {
          DocumentRebuilder rebuilt = new DocumentRebuilder(docId, snap.content(), snap.rev());
          for (OpRecord op : ops) {
            rebuilt.apply(op.rev(), op.ops());
          }
          return rebuilt.document().toDelta();
        }, false)));
  }

  /** The ops after {@code fromRev} up to {@code toRev}, ascending, in as many reads as their size takes. */
  Future<List<OpRecord>> ops(String docId, long fromRev, long toRev) {
    return more(docId, fromRev, toRev, new ArrayList<>());
  }

  private Future<List<OpRecord>> more(String docId, long after, long toRev, List<OpRecord> acc) {
    if (after >= toRev) {
      return Future.succeededFuture(acc);
    }
    return store.range(docId, after, toRev).compose(chunk -> {
      if (chunk.isEmpty()) {
        return Future.failedFuture(ErrorCode.INTERNAL.exception(
            "op log of " + docId + " ends at " + after + ", before revision " + toRev));
      }
      acc.addAll(chunk);
      return more(docId, chunk.get(chunk.size() - 1).rev(), toRev, acc);
    });
  }
}
