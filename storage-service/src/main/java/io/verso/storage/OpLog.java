package io.verso.storage;

import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.Future;

/**
 * A document's append-only op log and its snapshots. Failures carry the error vocabulary:
 * CONFLICT (head moved / rev taken), DUPLICATE with message {@code rev=<original>}, NOT_FOUND (no such
 * document), BAD_REQUEST, UNAVAILABLE. Implementations: {@link PgOpLog} (PostgreSQL, group commit)
 * and {@link MemoryOpLog} (for fast tests); both pass the same contract suite.
 */
public interface OpLog {
  /** Appends contiguous ops whose first rev is head + 1, all or nothing; succeeds once durable. */
  Future<AppendResult> append(AppendRequest request);

  /** Title, head, latest snapshot, the ops after it (up to the head) and each client's last seq. */
  Future<LoadResult> load(String docId);

  /** Ops with fromRev < rev <= toRev (toRev null: no bound), ascending, at most limit. */
  Future<OpsResult> range(RangeRequest request);

  /** The rev an already committed (clientId, seq) got; NOT_FOUND otherwise. */
  Future<Long> find(FindRequest request);

  /**
   * Snapshot retention: besides the latest few, the first snapshot of every block of this many
   * revisions (0–999, 1000–1999, …) is kept as a history checkpoint, so any revision opens from a
   * snapshot at most about two blocks of ops before it.
   */
  int CHECKPOINT_BLOCK = 1000;

  /**
   * Saves a snapshot (idempotent; its optional authorship runs with it), keeping the latest few and
   * each block's checkpoint ({@link #CHECKPOINT_BLOCK}).
   */
  Future<Void> saveSnapshot(SnapshotSaveRequest request);
}
