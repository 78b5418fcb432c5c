package io.verso.edit;

import io.verso.delta.Authorship;
import io.verso.protocol.DeltaJson;
import io.verso.runtime.AuthorshipRuns;
import io.verso.runtime.DocLog;
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

  /** Commits reached the committed revision: saves when a snapshot is due and none is being saved. */
  void committed(DocState doc) {
    if (doc.committedRev() - savedRev >= every && !saving) {
      save(doc);
    }
  }

  /** Saves whatever is not saved yet (the document unloads). */
  Future<Void> flush(DocState doc) {
    return doc.committedRev() > savedRev && doc.committed() != null ? save(doc) : Future.succeededFuture();
  }

  /** The committed content and its authorship, both at the committed revision. */
  private Future<Void> save(DocState doc) {
    saving = true;
    long rev = doc.committedRev();
    Authorship authors = doc.authorship();
    return store.saveSnapshot(docId, rev, DeltaJson.toJson(doc.committed().toDelta()),
            authors == null ? null : AuthorshipRuns.toJson(authors.runs()))
        .onSuccess(v -> savedRev = Math.max(savedRev, rev))
        .onFailure(err -> DocLog.with(docId, () -> LOG.warn("Snapshot of {} at rev {} failed: {}", docId, rev,
            err.getMessage())))
        .eventually(() -> {
          saving = false;
          return Future.succeededFuture();
        });
  }
}
