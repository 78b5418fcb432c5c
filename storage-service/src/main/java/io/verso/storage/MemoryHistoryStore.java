package io.verso.storage;

import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.delta.HistorySessions.Page;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.Snapshot;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;

/**
 * Version history over a {@link MemoryOpLog}'s documents, with the same semantics as
 * {@link PgHistoryStore} (passes the same contract suite), for fast tests. Lock order: the log's,
 * then {@code names}.
 */
public final class MemoryHistoryStore implements HistoryStore {
  private final MemoryOpLog log;
  private final Map<String, TreeMap<Long, VersionPutRequest>> names = new HashMap<>();

  public MemoryHistoryStore(MemoryOpLog log) {
    this.log = log;
  }

  @Override
  public Future<HistoryMeta> meta(HistoryMetaRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      List<HistoryMeta.Entry> out = new ArrayList<>();
      synchronized (names) {
        TreeMap<Long, VersionPutRequest> named = names.getOrDefault(r.docId(), new TreeMap<>());
        for (long rev = Math.min(r.before() - 1, ops.size()); rev >= 1 && out.size() < r.limit(); rev--) {
          OpRecord op = ops.get((int) rev - 1);
          VersionPutRequest v = named.get(rev);
          out.add(new HistoryMeta.Entry(rev, op.userId(), op.ts(), v == null ? null : v.name(),
              RestoreIds.restoredFrom(op.clientId(), rev)));
        }
      }
      return Future.succeededFuture(HistoryMeta.capped(out));
    });
  }

  @Override
  public Future<Void> warm(String docId, long rev) {
    return Future.succeededFuture(); // no cache: every page groups from the log
  }

  /** Plain {@link HistorySessions#before} over the log: the reference the cached PostgreSQL pages must equal. */
  @Override
  public Future<HistoryEntries> entries(HistoryEntriesRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      synchronized (names) {
        TreeMap<Long, VersionPutRequest> named = names.getOrDefault(r.docId(), new TreeMap<>());
        HistorySessions.Log meta = (before, max) -> {
          List<OpMeta> out = new ArrayList<>();
          for (long rev = Math.min(before - 1, ops.size()); rev >= 1 && out.size() < max; rev--) {
            OpRecord op = ops.get((int) rev - 1);
            VersionPutRequest v = named.get(rev);
            out.add(new OpMeta(rev, op.userId(), op.ts(), OpMeta.UNKNOWN, OpMeta.UNKNOWN, v == null ? null : v.name(),
                RestoreIds.restoredFrom(op.clientId(), rev)));
          }
          return out;
        };
        Page page = new HistorySessions(r.gapMs(), HistorySessions.DEFAULT_MAX_REVS, 1024).before(meta, r.before(), r.limit());
        return Future.succeededFuture(HistoryEntries.capped(page.entries(), page.more()));
      }
    });
  }

  @Override
  public Future<SnapshotAt> snapshotAt(DocRevRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      if (r.rev() > ops.size()) {
        return Future.failedFuture(HistoryFailures.pastHead(r.docId(), r.rev(), ops.size()));
      }
      Entry<Long, Snapshot> s = snaps.floorEntry(r.rev());
      return Future.succeededFuture(s == null ? new SnapshotAt(0, null)
          : new SnapshotAt(s.getKey(), s.getValue().content().copy()));
    });
  }

  @Override
  public Future<VersionPutRequest> putVersion(VersionPutRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      if (r.rev() > ops.size()) {
        return Future.failedFuture(HistoryFailures.pastHead(r.docId(), r.rev(), ops.size()));
      }
      synchronized (names) {
        names.computeIfAbsent(r.docId(), k -> new TreeMap<>()).put(r.rev(), r);
      }
      return Future.succeededFuture(r);
    });
  }

  @Override
  public Future<Void> deleteVersion(DocRevRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      synchronized (names) {
        TreeMap<Long, VersionPutRequest> named = names.get(r.docId());
        return named != null && named.remove(r.rev()) != null ? Future.succeededFuture()
            : Future.failedFuture(HistoryFailures.noVersion(r.docId(), r.rev()));
      }
    });
  }

  @Override
  public Future<NamedVersions> versions(VersionListRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      List<NamedVersions.Version> out = new ArrayList<>();
      synchronized (names) {
        for (VersionPutRequest v : names.getOrDefault(r.docId(), new TreeMap<>()).headMap(r.before(), false).descendingMap()
            .values()) {
          if (out.size() == r.limit()) {
            break;
          }
          out.add(new NamedVersions.Version(v.rev(), v.name(), v.userId(), ops.get((int) v.rev() - 1).ts()));
        }
      }
      return Future.succeededFuture(new NamedVersions(out));
    });
  }
}
