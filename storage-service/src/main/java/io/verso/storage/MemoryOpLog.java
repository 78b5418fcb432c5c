package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.ClientSeq;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.Snapshot;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * An in-memory op log with the same semantics as {@link PgOpLog} (passes the same contract suite),
 * for fast tests of the services built on it. Not durable. Thread-safe (one lock).
 */
public final class MemoryOpLog implements OpLog {
  private final Map<String, Doc> docs = new HashMap<>();
  private final int snapshotsKept;

  public MemoryOpLog() {
    this(3);
  }

  public MemoryOpLog(int snapshotsKept) {
    this.snapshotsKept = snapshotsKept;
  }

  /** Creates an empty document (head 0) with a random id. */
  public synchronized String createDocument(String title) {
    String id = Ids.random();
    docs.put(id, new Doc(title));
    return id;
  }

  @Override
  public synchronized Future<AppendResult> append(AppendRequest r) {
    Doc d = docs.get(r.docId());
    if (d == null) {
      return Future.failedFuture(AppendFailures.noDocument(r.docId()));
    }
    for (OpRecord op : r.ops()) {
      if (op.ops().encode().contains("\\u0000")) { // as PostgreSQL's jsonb: no NUL character
        return Future.failedFuture(new VersoException(ErrorCode.BAD_REQUEST, "ops cannot be stored: NUL character"));
      }
      Long original = d.bySeq.get(key(op.userId(), op.clientId(), op.seq()));
      if (original != null) {
        return Future.failedFuture(AppendFailures.duplicate(original));
      }
    }
    if (r.firstRev() != d.ops.size() + 1L) {
      return Future.failedFuture(AppendFailures.conflict(r.docId(), r.firstRev()));
    }
    for (OpRecord op : r.ops()) {
      d.ops.add(op);
      d.bySeq.put(key(op.userId(), op.clientId(), op.seq()), op.rev());
    }
    return Future.succeededFuture(new AppendResult(d.ops.size()));
  }

  @Override
  public synchronized Future<LoadResult> load(String docId) {
    Doc d = docs.get(docId);
    if (d == null) {
      return Future.failedFuture(AppendFailures.noDocument(docId));
    }
    Snapshot snap = d.snapshots.isEmpty() ? null : d.snapshots.lastEntry().getValue();
    int from = snap == null ? 0 : (int) snap.rev();
    Map<String, ClientSeq> last = new TreeMap<>();
    for (OpRecord op : d.ops) {
      ClientSeq c = last.get(op.clientId());
      if (c == null || c.seq() < op.seq()) {
        last.put(op.clientId(), new ClientSeq(op.clientId(), op.userId(), op.seq(), op.rev()));
      }
    }
    return Future.succeededFuture(new LoadResult(docId, d.title, d.ops.size(), snap,
        new ArrayList<>(d.ops.subList(from, d.ops.size())), new ArrayList<>(last.values())));
  }

  @Override
  public synchronized Future<OpsResult> range(RangeRequest r) {
    Doc d = docs.get(r.docId());
    if (d == null) {
      return Future.failedFuture(AppendFailures.noDocument(r.docId()));
    }
    long to = Math.min(d.ops.size(), r.toRev() == null ? Long.MAX_VALUE : r.toRev());
    List<OpRecord> out = new ArrayList<>();
    long bytes = 0;
    for (long rev = r.fromRev() + 1; rev <= to && out.size() < r.limit(); rev++) {
      OpRecord op = d.ops.get((int) rev - 1);
      bytes += op.ops().encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (r.maxBytes() != null && !out.isEmpty() && bytes > r.maxBytes()) {
        break;
      }
      out.add(op);
    }
    return Future.succeededFuture(new OpsResult(out));
  }

  @Override
  public synchronized Future<Long> find(FindRequest r) {
    Doc d = docs.get(r.docId());
    Long rev = d == null ? null : d.bySeq.get(key(r.userId(), r.clientId(), r.seq()));
    return rev == null
        ? Future.failedFuture(new VersoException(ErrorCode.NOT_FOUND,
            "no op " + r.clientId() + "/" + r.seq() + " in " + r.docId()))
        : Future.succeededFuture(rev);
  }

  @Override
  public synchronized Future<Void> saveSnapshot(SnapshotSaveRequest r) {
    Doc d = docs.get(r.docId());
    if (d == null) {
      return Future.failedFuture(AppendFailures.noDocument(r.docId()));
    }
    if (r.rev() > d.ops.size()) {
      return Future.failedFuture(new VersoException(ErrorCode.BAD_REQUEST,
          "snapshot rev " + r.rev() + " is past the head of " + r.docId()));
    }
    d.snapshots.putIfAbsent(r.rev(), new Snapshot(r.rev(), r.content().copy(),
        r.authorship() == null ? null : r.authorship().copy()));
    // the latest few, and the first of each block of revisions (a history checkpoint)
    List<Long> older = new ArrayList<>(d.snapshots.headMap(
        d.snapshots.descendingKeySet().stream().skip(snapshotsKept - 1L).findFirst().orElse(0L), false).keySet());
    long block = -1;
    for (long rev : older) {
      if (rev / CHECKPOINT_BLOCK != block) {
        block = rev / CHECKPOINT_BLOCK;
      } else {
        d.snapshots.remove(rev);
      }
    }
    return Future.succeededFuture();
  }

  /** The revs of the snapshots kept for a document, ascending (for tests). */
  public synchronized List<Long> snapshotRevs(String docId) {
    Doc d = docs.get(docId);
    return d == null ? List.of() : new ArrayList<>(d.snapshots.keySet());
  }

  /**
   * Runs {@code reader} on a document's ops (index rev - 1) and snapshots under the log's lock; both
   * null when there is no such document. For {@link MemoryHistoryStore}, which must not keep them.
   */
  synchronized <T> T read(String docId, BiFunction<List<OpRecord>, NavigableMap<Long, Snapshot>, T> reader) {
    Doc d = docs.get(docId);
    return d == null ? reader.apply(null, null) : reader.apply(d.ops, d.snapshots);
  }

  /** The op log's uniqueness key: (user, client, seq) in a document. */
  private static String key(String userId, String clientId, long seq) {
    return userId + '\u0000' + clientId + '\u0000' + seq;
  }

  private static final class Doc {
    final String title;
    final List<OpRecord> ops = new ArrayList<>();
    final Map<String, Long> bySeq = new HashMap<>();
    final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();

    Doc(String title) {
      this.title = title;
    }
  }
}
