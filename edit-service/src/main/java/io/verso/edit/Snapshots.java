package io.verso.edit;

import io.verso.delta.Authorship;
import io.verso.protocol.DeltaJson;
import io.verso.runtime.AuthorshipRuns;
import io.verso.runtime.DocLog;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one document is snapshotted: every {@code snapshotEvery} revisions, once it has had no commit
 * for {@code quietSnapshotMs}, and when it unloads, one save at a time. A failed save is only logged:
 * the op log has everything, and the next occasion saves again. Not thread-safe.
 */
final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  private final String docId;
  private final DocStore store;
  private final int every;
  private final long quietNanos;
  private long savedRev;
  private boolean saving;
  private long lastCommitNanos = System.nanoTime();

  Snapshots(String docId, DocStore store, int every, long quietMs) {
    this.docId = docId;
    this.store = store;
    this.every = every;
    this.quietNanos = quietMs * 1_000_000L;
  }

  /** The latest snapshot storage has (after a load). */
  void reset(long rev) {
    savedRev = rev;
  }

  /** Commits reached the committed revision: saves when a snapshot is due and none is being saved. */
  void committed(DocState doc) {
    lastCommitNanos = System.nanoTime();
    if (doc.committedRev() - savedRev >= every && !saving) {
      save(doc);
    }
  }

  /**
   * Housekeeping: once nothing was committed for the quiet time, saves what the last snapshot lacks,
   * so the text typed last reaches storage's content search index while the document stays open
   * (people pause; the count of revisions alone could leave it 99 behind for as long). The next try
   * is a quiet time later, whether this save succeeds or fails: a storage outage is not retried (and
   * logged) every housekeeping round.
   */
  void quiet(DocState doc, long nowNanos) {
    if (quietNanos > 0 && !saving && doc.committedRev() > savedRev && doc.committed() != null
        && nowNanos - lastCommitNanos >= quietNanos) {
      lastCommitNanos = nowNanos;
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
