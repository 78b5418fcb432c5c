package io.verso.edit;

import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one document is snapshotted: every {@code snapshotEvery} revisions and when it unloads, one
 * save at a time. A failed save is only logged: the op log has everything, and the next occasion
 * saves again. Not thread-safe.
 */
final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  private final String docId;
  private final DocStore store;
  private final int every;
  private long savedRev;
  private boolean saving;

  Snapshots(String docId, DocStore store, int every) {
    this.docId = docId;
    this.store = store;
    this.every = every;
  }

  /** The latest snapshot storage has (after a load). */
  void reset(long rev) {
    savedRev = rev;
  }

  /** Commits reached {@code rev}: saves when a snapshot is due and none is being saved. */
  void committed(long rev, Document doc) {
    if (rev - savedRev >= every && !saving) {
      save(rev, doc);
    }
  }

  /** Saves whatever is not saved yet (the document unloads). */
  Future<Void> flush(long rev, Document doc) {
    return rev > savedRev && doc != null ? save(rev, doc) : Future.succeededFuture();
  }

  private Future<Void> save(long rev, Document doc) {
    saving = true;
    return store.saveSnapshot(docId, rev, DeltaJson.toJson(doc.toDelta()))
        .onSuccess(v -> savedRev = Math.max(savedRev, rev))
        .onFailure(err -> LOG.warn("Snapshot of {} at rev {} failed: {}", docId, rev, err.getMessage()))
        .eventually(() -> {
          saving = false;
          return Future.succeededFuture();
        });
  }
}
