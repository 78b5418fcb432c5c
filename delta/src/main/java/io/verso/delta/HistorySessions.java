package io.verso.delta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups a document's op log into history entries (sessions), newest first.
 *
 * <p>Two consecutive ops belong to one entry unless they are separated by a <em>boundary</em>: the
 * newer op's timestamp is {@code gapMillis} or more after the older one's (a clock going backwards
 * is no gap), or they fall in different blocks of {@code maxRevs} revisions (revisions
 * {@code 1..maxRevs}, {@code maxRevs+1..2·maxRevs}, …), or the older op is a named version (a
 * named revision ends its entry, which carries the name), or either op is a restore (a restore is
 * an entry of its own, which carries the revision it restored). The block rule bounds an entry, hence the
 * ops read for one page, even when a document was typed without a pause; {@code maxRevs <= 0}
 * turns it off. Whether two ops are one entry depends on those two ops only, so grouping any
 * prefix of the log gives the whole log's entries of that prefix; paging relies on it.
 *
 * <p>Paging ({@link #before}) reads the log backwards from a revision and returns whole entries
 * only: a page ends at an entry boundary, reading further back until the boundary is found, and the
 * next page starts at the previous page's last {@code fromRev}. So pages never split or repeat an
 * entry, and reading all pages gives exactly {@link #group} of the whole log. {@link #pager} is the
 * same walk fed by the caller, for logs read asynchronously.
 */
public final class HistorySessions {
  public static final long DEFAULT_GAP_MILLIS = 5 * 60_000L;
  public static final long DEFAULT_MAX_REVS = 1000;
  /** Ops read from the log per request while paging. */
  public static final int DEFAULT_READ_SIZE = 512;

  /**
   * What history needs of one committed op. Sizes are {@link #UNKNOWN} when not recorded;
   * {@code name} is the named version at this revision, or null; {@code restoredFrom} is the
   * revision this op restored when it is a restore, else null.
   */
  public record OpMeta(long rev, String userId, long ts, long inserted, long deleted, String name, Long restoredFrom) {
    public static final long UNKNOWN = -1;

    public OpMeta {
      Objects.requireNonNull(userId, "userId");
    }

    public OpMeta(long rev, String userId, long ts, long inserted, long deleted, String name) {
      this(rev, userId, ts, inserted, deleted, name, null);
    }

    public OpMeta(long rev, String userId, long ts, long inserted, long deleted) {
      this(rev, userId, ts, inserted, deleted, null);
    }

    public OpMeta(long rev, String userId, long ts) {
      this(rev, userId, ts, UNKNOWN, UNKNOWN, null);
    }
  }

  /**
   * One entry: revisions {@code fromRev..toRev}, the timestamps of its first and last op, its
   * authors in order of first appearance, and counts; {@code inserted} / {@code deleted} are
   * {@link OpMeta#UNKNOWN} unless every op of the entry has them. {@code name}: the named version
   * at {@code toRev} (the only revision of an entry that can have one), or null. {@code restoredFrom}:
   * the revision restored when the entry is a restore (then its only op), else null.
   */
  public record Entry(long fromRev, long toRev, long startTs, long endTs, List<String> authors,
      long ops, long inserted, long deleted, String name, Long restoredFrom) {
    public Entry {
      authors = List.copyOf(authors);
    }

    public Entry(long fromRev, long toRev, long startTs, long endTs, List<String> authors,
        long ops, long inserted, long deleted, String name) {
      this(fromRev, toRev, startTs, endTs, authors, ops, inserted, deleted, name, null);
    }

    public Entry(long fromRev, long toRev, long startTs, long endTs, List<String> authors,
        long ops, long inserted, long deleted) {
      this(fromRev, toRev, startTs, endTs, authors, ops, inserted, deleted, null, null);
    }
  }

  /** A page of entries, newest first; {@code more}: older entries exist (ask before the last fromRev). */
  public record Page(List<Entry> entries, boolean more) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /** The op log, read backwards. */
  public interface Log {
    /**
     * Up to {@code max} ops with a revision below {@code rev}, newest first (e.g.
     * {@code WHERE rev < ? ORDER BY rev DESC LIMIT ?}). It may return fewer (a byte cap); only an
     * empty list means that no older op exists.
     */
    List<OpMeta> before(long rev, int max);
  }

  private final long gapMillis;
  private final long maxRevs;
  private final int readSize;

  public HistorySessions(long gapMillis, long maxRevs, int readSize) {
    if (gapMillis <= 0 || readSize <= 0) {
      throw new IllegalArgumentException("gap and read size must be positive");
    }
    this.gapMillis = gapMillis;
    this.maxRevs = maxRevs <= 0 ? Long.MAX_VALUE : maxRevs;
    this.readSize = readSize;
  }

  public HistorySessions() {
    this(DEFAULT_GAP_MILLIS, DEFAULT_MAX_REVS, DEFAULT_READ_SIZE);
  }

  /** Whether {@code newer}, the op right after {@code older}, starts a new entry. */
  public boolean boundary(OpMeta older, OpMeta newer) {
    return older.name() != null
        || older.restoredFrom() != null
        || newer.restoredFrom() != null // a restore is an entry of its own: undoing it is "restore the entry before"
        || newer.ts() - older.ts() >= gapMillis
        || Math.floorDiv(older.rev() - 1, maxRevs) != Math.floorDiv(newer.rev() - 1, maxRevs);
  }

  /** All entries of a log given oldest first (strictly increasing revisions), newest first. */
  public List<Entry> group(List<OpMeta> log) {
    List<Entry> out = new ArrayList<>();
    OpMeta prev = null;
    Forward cur = null;
    for (OpMeta op : log) {
      if (prev != null && op.rev() <= prev.rev()) {
        throw new IllegalArgumentException("revisions not increasing at " + op.rev());
      }
      if (cur != null && boundary(prev, op)) {
        out.add(cur.entry());
        cur = null;
      }
      if (cur == null) {
        cur = new Forward(op);
      } else {
        cur.add(op);
      }
      prev = op;
    }
    if (cur != null) {
      out.add(cur.entry());
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * Up to {@code limit} whole entries of the ops below revision {@code rev}, newest first: exactly
   * the first entries of {@link #group} of the log's ops below {@code rev} (so a {@code rev} inside
   * an entry cuts it there). Reads about {@code ops of the entries / readSize + 1} times.
   */
  public Page before(Log log, long rev, int limit) {
    Pager pager = pager(rev, limit);
    while (!pager.feed(log.before(pager.cursor(), readSize))) {
      // each read continues below the oldest op read so far
    }
    return pager.page();
  }

  /**
   * The walk of {@link #before} driven by its caller, for a log read asynchronously: read up to
   * {@link Pager#readSize()} ops below {@link Pager#cursor()}, newest first, and {@link Pager#feed}
   * them until it answers true; then {@link Pager#page()} is what {@code before(log, rev, limit)}
   * returns.
   */
  public Pager pager(long rev, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return new Pager(rev, limit);
  }

  /** One page being read backwards: its whole entries so far, the open one, where to read next. */
  public final class Pager {
    private final int limit;
    private final List<Entry> out = new ArrayList<>();
    private Backward cur;
    private OpMeta newer;
    private long cursor;
    private Page page;

    private Pager(long rev, int limit) {
      this.limit = limit;
      this.cursor = rev;
    }

    /** The revision to read below: the oldest op fed so far, or the page's {@code rev}. */
    public long cursor() {
      return cursor;
    }

    /** How many ops to ask for per read. */
    public int readSize() {
      return readSize;
    }

    /**
     * Takes the next ops below {@link #cursor()}, newest first (an empty list: no older op exists);
     * true once the page is complete (ops after the one that completed it are ignored).
     */
    public boolean feed(List<OpMeta> chunk) {
      if (page != null) {
        throw new IllegalStateException("the page is complete");
      }
      if (chunk.isEmpty()) {
        if (cur != null) {
          out.add(cur.entry());
        }
        page = new Page(out, false);
        return true;
      }
      for (OpMeta op : chunk) {
        if (op.rev() >= cursor) {
          throw new IllegalStateException("the log returned revision " + op.rev()
              + " when asked for those below " + cursor);
        }
        cursor = op.rev();
        if (cur != null && boundary(op, newer)) {
          out.add(cur.entry());
          if (out.size() == limit) {
            page = new Page(out, true);
            return true;
          }
          cur = null;
        }
        if (cur == null) {
          cur = new Backward(op);
        } else {
          cur.add(op);
        }
        newer = op;
      }
      return false;
    }

    /** The complete page (after {@link #feed} answered true). */
    public Page page() {
      if (page == null) {
        throw new IllegalStateException("the page is not complete yet");
      }
      return page;
    }
  }

  /** Sums shared by both directions. */
  private abstract static class Acc {
    long fromRev;
    long toRev;
    long startTs;
    long endTs;
    long ops = 1;
    long inserted;
    long deleted;
    String name;
    final Long restoredFrom; // an entry holding a restore holds nothing else

    Acc(OpMeta op) {
      fromRev = toRev = op.rev();
      startTs = endTs = op.ts();
      inserted = op.inserted();
      deleted = op.deleted();
      name = op.name();
      restoredFrom = op.restoredFrom();
    }

    void count(OpMeta op) {
      ops++;
      inserted = plus(inserted, op.inserted());
      deleted = plus(deleted, op.deleted());
    }

    private static long plus(long a, long b) {
      return a < 0 || b < 0 ? OpMeta.UNKNOWN : a + b;
    }

    abstract List<String> authors();

    Entry entry() {
      return new Entry(fromRev, toRev, startTs, endTs, authors(), ops, inserted, deleted, name, restoredFrom);
    }
  }

  private static final class Forward extends Acc {
    private final LinkedHashSet<String> authors = new LinkedHashSet<>();

    Forward(OpMeta op) {
      super(op);
      authors.add(op.userId());
    }

    void add(OpMeta op) {
      count(op);
      toRev = op.rev();
      endTs = op.ts();
      name = op.name();
      authors.add(op.userId());
    }

    @Override
    List<String> authors() {
      return new ArrayList<>(authors);
    }
  }

  /** Built newest op first: an author's first appearance is the oldest op seen of them. */
  private static final class Backward extends Acc {
    private final Map<String, Long> firstRev = new HashMap<>();

    Backward(OpMeta op) {
      super(op);
      firstRev.put(op.userId(), op.rev());
    }

    void add(OpMeta op) {
      count(op);
      fromRev = op.rev();
      startTs = op.ts();
      firstRev.put(op.userId(), op.rev());
    }

    @Override
    List<String> authors() {
      List<String> a = new ArrayList<>(firstRev.keySet());
      a.sort((x, y) -> Long.compare(firstRev.get(x), firstRev.get(y)));
      return a;
    }
  }
}
