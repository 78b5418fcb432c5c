package io.verso.edit;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The recent ops of one document, consecutive revisions oldest first: the committed tail that late
 * submits are transformed over and that catch-ups are served from, followed by the sequenced ops
 * still waiting for their commit. Bounded by count and by bytes ({@link ContentBytes}): a few large
 * ops must not hold a node's heap the way a thousand keystrokes do. Pure; not thread-safe.
 */
final class OpWindow {
  /**
   * A sequenced op as the window keeps it: the delta and the event's metadata, not the event's JSON
   * (which weighs about twice the delta as maps; a full window holds one entry per recent op of
   * every hosted document). The JSON is rebuilt, identically, when an old op is served again.
   */
  record Entry(long rev, Delta delta, String clientId, long seq, String userId, long ts, long bytes) {
    static Entry of(OpEvent e, Delta delta) {
      return new Entry(e.rev(), delta, e.clientId(), e.seq(), e.userId(), e.ts(), ContentBytes.of(delta));
    }

    OpEvent event() {
      return new OpEvent(rev, DeltaJson.toJson(delta), clientId, seq, userId, ts);
    }
  }

  /** Committed events after a revision, up to a byte budget; {@code lastRev} is the last one's. */
  record Page(List<OpEvent> events, long lastRev) {}

  private final int maxCount;
  private final long maxBytes;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long bytes;

  OpWindow(int maxCount, long maxBytes) {
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
  }

  void reset(Collection<Entry> recent) {
    entries.clear();
    bytes = 0;
    recent.forEach(this::add);
  }

  void add(Entry e) {
    entries.addLast(e);
    bytes += e.bytes();
  }

  int size() {
    return entries.size();
  }

  long bytes() {
    return bytes;
  }

  /** Whether a submit based on {@code baseRev} can be transformed up to {@code headRev} from here. */
  boolean reaches(long baseRev, long headRev) {
    Entry first = entries.peekFirst();
    return baseRev >= headRev || (first != null && first.rev() <= baseRev + 1);
  }

  /**
   * Transforms {@code op} over every op after {@code baseRev}, oldest first. Those are the last
   * {@code headRev - baseRev} entries: found from the tail, at a cost of the ops behind, not of the
   * window's size.
   */
  Delta transform(Delta op, long baseRev, long headRev) {
    int behind = (int) Math.min(entries.size(), headRev - baseRev);
    if (behind <= 0) {
      return op;
    }
    Entry[] concurrent = new Entry[behind];
    Iterator<Entry> newestFirst = entries.descendingIterator();
    for (int i = behind - 1; i >= 0; i--) {
      concurrent[i] = newestFirst.next();
    }
    for (Entry e : concurrent) {
      if (e.rev() > baseRev) {
        op = e.delta().transform(op, true);
      }
    }
    return op;
  }

  /**
   * The events in {@code (fromRev, toRev]} while their bytes fit in {@code maxPageBytes} (always at
   * least one), or null when the window no longer holds {@code fromRev + 1}.
   */
  Page page(long fromRev, long toRev, long maxPageBytes) {
    Entry first = entries.peekFirst();
    if (fromRev < toRev && (first == null || first.rev() > fromRev + 1)) {
      return null;
    }
    List<OpEvent> events = new ArrayList<>();
    long last = fromRev;
    long used = 0;
    for (Entry e : entries) {
      if (e.rev() <= fromRev) {
        continue;
      }
      if (e.rev() > toRev || (!events.isEmpty() && used + e.bytes() > maxPageBytes)) {
        break;
      }
      events.add(e.event());
      used += e.bytes();
      last = e.rev();
    }
    return new Page(events, last);
  }

  /** The newest {@code n} entries, oldest first. */
  List<Entry> newest(int n) {
    return entries.stream().skip(Math.max(0, entries.size() - n)).toList();
  }

  /** Drops the sequenced ops after {@code rev} (their commit failed: clients resend them). */
  void dropAfter(long rev) {
    while (!entries.isEmpty() && entries.peekLast().rev() > rev) {
      bytes -= entries.pollLast().bytes();
    }
  }

  /** Forgets the oldest committed ops (never one after {@code committedRev}) beyond the count and byte bounds. */
  void trim(long committedRev) {
    while (!entries.isEmpty() && (entries.size() > maxCount || bytes > maxBytes)
        && entries.peekFirst().rev() <= committedRev) {
      bytes -= entries.pollFirst().bytes();
    }
  }
}
