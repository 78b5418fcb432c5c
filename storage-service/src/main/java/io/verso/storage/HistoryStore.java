package io.verso.storage;

import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.Future;

/**
 * The reads and writes of version history: the op log's metadata, snapshots at a revision, named
 * versions. Unknown document → NOT_FOUND. Implementations: {@link PgHistoryStore} and
 * {@link MemoryHistoryStore}; both pass {@code HistoryStoreContract}.
 */
public interface HistoryStore {
  /** Metadata of the ops with rev &lt; before, newest first, at most limit (and {@link HistoryMeta#MAX_BYTES}). */
  Future<HistoryMeta> meta(HistoryMetaRequest request);

  /**
   * Up to limit whole history entries of the ops with rev &lt; before, newest first: exactly what
   * {@code HistorySessions.before} (gapMs, blocks of 1000 revisions) gives over {@link #meta}'s
   * metadata (a before inside an entry cuts it there), at most {@link HistoryEntries#MAX_BYTES}.
   */
  Future<HistoryEntries> entries(HistoryEntriesRequest request);

  /**
   * Makes the newest complete block of revisions at or below {@code rev} ready for {@link #entries}
   * (PostgreSQL groups and caches it unless it is cached; the memory store keeps no cache). Storage
   * calls it after each snapshot, so pages meet warm blocks instead of grouping them on first read.
   */
  Future<Void> warm(String docId, long rev);

  /** The latest snapshot with rev ≤ the rev asked, or {rev 0, null}; NOT_FOUND when the rev is past the head. */
  Future<SnapshotAt> snapshotAt(DocRevRequest request);

  /** Names a revision (1..head, else NOT_FOUND), replacing its name; the request as stored. */
  Future<VersionPutRequest> putVersion(VersionPutRequest request);

  /** Removes a revision's name; NOT_FOUND when it has none. */
  Future<Void> deleteVersion(DocRevRequest request);

  /** Named versions with rev &lt; before, newest first, at most limit. */
  Future<NamedVersions> versions(VersionListRequest request);
}
