package io.verso.storage;

import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.Entry;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.runtime.DocLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History pages on PostgreSQL from a cache of grouped blocks ({@code history_blocks}, V7). An entry
 * never crosses a block edge of {@link #BLOCK} revisions, so the entries of a whole page are the
 * newest block's (grouped from its op metadata: at most {@link #BLOCK} rows, cut at {@code before})
 * followed by the entries of the complete blocks below it — which never change once complete, except
 * by a name. A complete block is grouped once, on first read, and stored; naming or unnaming a
 * revision deletes its block's row (same statement), and a row is used only when its gap is the
 * request's and its named entries are exactly the block's names now (a row computed while a name
 * changed would otherwise stay stale). A page costs one head read, at most one block of metadata,
 * one cache read per run of blocks and, cold, {@link #COMPUTE_RUN} blocks of metadata per read.
 */
final class HistoryBlocks {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryBlocks.class);
  static final long BLOCK = HistorySessions.DEFAULT_MAX_REVS;
  /** Missing blocks grouped per metadata read: bounds what a cold page reads beyond its entries. */
  static final int COMPUTE_RUN = 4;

  private final Db db;

  HistoryBlocks(Db db) {
    this.db = db;
  }

  Future<HistoryEntries> page(HistoryEntriesRequest r) {
    return db.run(c -> c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(r.docId())).compose(doc -> {
      if (doc.size() == 0) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      long top = Math.min(r.before() - 1, doc.iterator().next().getLong(0));
      return new Walk(c, r).from(top);
    }));
  }

  /**
   * Caches the newest complete block at or below {@code rev} (default gap) unless it is cached: a
   * one-entry page ending at that block's edge reads the cache and groups the block only on a miss.
   */
  Future<Void> warm(String docId, long rev) {
    long edge = rev - rev % BLOCK;
    return edge < BLOCK ? Future.succeededFuture()
        : page(new HistoryEntriesRequest(docId, edge + 1, 1, HistorySessions.DEFAULT_GAP_MILLIS)).mapEmpty();
  }

  /** One page, built newest block first. */
  private static final class Walk {
    private final SqlClient c;
    private final HistoryEntriesRequest r;
    private final HistorySessions sessions;
    private final List<Entry> out = new ArrayList<>();

    Walk(SqlClient c, HistoryEntriesRequest r) {
      this.c = c;
      this.r = r;
      this.sessions = new HistorySessions(r.gapMs(), BLOCK, 1);
    }

    /** The page of revisions 1..top: a cut block grouped from its metadata, then whole blocks. */
    Future<HistoryEntries> from(long top) {
      if (top < 1) {
        return done();
      }
      long cut = top % BLOCK;
      if (cut == 0) {
        return blocks(top / BLOCK - 1).compose(v -> done());
      }
      long start = top - cut;
      return meta(start, top).compose(ops -> {
        out.addAll(sessions.group(ops));
        return blocks(start / BLOCK - 1);
      }).compose(v -> done());
    }

    private Future<HistoryEntries> done() {
      List<Entry> page = out.size() > r.limit() ? out.subList(0, r.limit()) : out;
      boolean more = !page.isEmpty() && page.get(page.size() - 1).fromRev() > 1; // revisions start at 1
      return Future.succeededFuture(HistoryEntries.capped(page, more));
    }

    private boolean full() {
      return out.size() >= r.limit();
    }

    /** Complete blocks {@code hi}, {@code hi − 1}, … until the page is full: each gives at least one entry. */
    private Future<Void> blocks(long hi) {
      if (full() || hi < 0) {
        return Future.succeededFuture();
      }
      long lo = Math.max(0, hi - (r.limit() - out.size()) + 1);
      return c.preparedQuery(Sql.HISTORY_BLOCKS).execute(Tuple.of(r.docId(), lo, hi)).compose(rows -> {
        Map<Long, List<Entry>> cached = usable(rows);
        return take(cached, hi, lo).compose(v -> blocks(lo - 1));
      });
    }

    /** Blocks {@code b} down to {@code lo} from the cache, computing the missing ones in runs. */
    private Future<Void> take(Map<Long, List<Entry>> cached, long b, long lo) {
      for (; b >= lo && !full(); b--) {
        List<Entry> entries = cached.get(b);
        if (entries == null) {
          long runLo = b;
          while (runLo > lo && b - runLo + 1 < COMPUTE_RUN && !cached.containsKey(runLo - 1)) {
            runLo--;
          }
          long next = runLo - 1;
          return compute(runLo, b).compose(v -> take(cached, next, lo));
        }
        out.addAll(entries);
      }
      return Future.succeededFuture();
    }

    /** Rows of the right gap whose named entries are the block's names now, by block. */
    private Map<Long, List<Entry>> usable(RowSet<Row> rows) {
      Map<Long, List<Entry>> cached = new HashMap<>();
      for (Row row : rows) {
        if (row.getLong(1) != r.gapMs()) {
          continue;
        }
        List<Entry> entries = HistoryEntries.entriesFromJson((JsonArray) row.getValue(2));
        if (names(entries).equals(row.getValue(3))) {
          cached.put(row.getLong(0), entries);
        }
      }
      return cached;
    }

    /** Groups blocks {@code lo..hi} from their metadata, adds them to the page (newest first) and stores them. */
    private Future<Void> compute(long lo, long hi) {
      return meta(lo * BLOCK, (hi + 1) * BLOCK).compose(ops -> {
        List<Entry> entries = sessions.group(ops); // newest first; no entry crosses a block edge
        out.addAll(entries);
        JsonArray rows = new JsonArray();
        for (int end = entries.size(); end > 0; ) {
          long block = (entries.get(end - 1).fromRev() - 1) / BLOCK;
          int start = end;
          while (start > 0 && (entries.get(start - 1).fromRev() - 1) / BLOCK == block) {
            start--;
          }
          rows.add(new JsonArray().add(block).add(HistoryEntries.entriesToJson(entries.subList(start, end))));
          end = start;
        }
        // a failed store (e.g. the document deleted meanwhile) costs the next reader a recomputation, not this page
        return c.preparedQuery(Sql.PUT_HISTORY_BLOCKS).execute(Tuple.of(r.docId(), r.gapMs(), rows))
            .<Void>mapEmpty().recover(e -> {
              DocLog.with(r.docId(), () -> LOG.debug("history blocks of {} not stored: {}", r.docId(), e.toString()));
              return Future.succeededFuture();
            });
      });
    }

    /** Metadata of revisions {@code after} (excl.) .. {@code upTo}, oldest first. */
    private Future<List<OpMeta>> meta(long after, long upTo) {
      return c.preparedQuery(Sql.HISTORY_META_RANGE).execute(Tuple.of(r.docId(), after, upTo)).map(rows -> {
        List<OpMeta> ops = new ArrayList<>(rows.size());
        for (Row row : rows) {
          long rev = row.getLong(0);
          ops.add(new OpMeta(rev, row.getString(1), row.getLong(2), OpMeta.UNKNOWN, OpMeta.UNKNOWN,
              row.getString(3), RestoreIds.restoredFrom(row.getString(4), rev)));
        }
        return ops;
      });
    }
  }

  /** A block's names as the cache read lists them: [[rev, name]…] ascending (a named rev ends its entry). */
  static JsonArray names(List<Entry> newestFirst) {
    JsonArray names = new JsonArray();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Entry e = newestFirst.get(i);
      if (e.name() != null) {
        names.add(new JsonArray().add(e.toRev()).add(e.name()));
      }
    }
    return names;
  }
}
