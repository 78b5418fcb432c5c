package io.verso.delta;

import static io.verso.delta.DeltaPropertyTest.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.HistorySessions.Entry;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.delta.HistorySessions.Page;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HistorySessions}: grouping against its definition, and paging against grouping. */
class HistorySessionsPropertyTest {
  private static final int CASES = Math.max(1, DeltaPropertyTest.CASES / 5);
  private static final long MIN = 60_000;
  private static final String[] USERS = {"ann", "bob", "cy", "dee"};

  /**
   * A random log: revisions increasing (rarely with holes), pauses short, long, exact, backwards;
   * some revisions named (sometimes several in a row), some restores (sometimes several in a row,
   * sometimes named).
   */
  static List<OpMeta> log(Random rnd, int maxOps) {
    List<OpMeta> log = new ArrayList<>();
    int n = rnd.nextInt(maxOps + 1);
    long rev = rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : 0;
    long ts = 1_700_000_000_000L;
    boolean sizes = rnd.nextBoolean();
    int named = new int[] {1_000_000, 40, 8, 2}[rnd.nextInt(4)];
    int restores = new int[] {1_000_000, 30, 6, 2}[rnd.nextInt(4)];
    for (int i = 0; i < n; i++) {
      rev += rnd.nextInt(20) == 0 ? 2 + rnd.nextInt(5) : 1;
      ts += switch (rnd.nextInt(10)) {
        case 0 -> 5 * MIN + rnd.nextInt(3) - 1; // around the default gap
        case 1 -> rnd.nextInt(120) * MIN;
        case 2 -> -rnd.nextInt(10_000); // a clock going backwards
        default -> rnd.nextInt(30_000);
      };
      String user = USERS[rnd.nextInt(rnd.nextBoolean() ? 2 : USERS.length)];
      String name = rnd.nextInt(named) == 0 ? "v" + rev : null;
      Long restoredFrom = rnd.nextInt(restores) == 0 ? (long) rnd.nextInt((int) rev) : null;
      log.add(sizes && rnd.nextInt(30) != 0
          ? new OpMeta(rev, user, ts, rnd.nextInt(5), rnd.nextInt(3), name, restoredFrom)
          : new OpMeta(rev, user, ts, OpMeta.UNKNOWN, OpMeta.UNKNOWN, name, restoredFrom));
    }
    return log;
  }

  static HistorySessions sessions(Random rnd) {
    long gap = rnd.nextBoolean() ? HistorySessions.DEFAULT_GAP_MILLIS : 1 + rnd.nextInt(60_000);
    long maxRevs = new long[] {0, 1, 7, 50, 1000}[rnd.nextInt(5)];
    return new HistorySessions(gap, maxRevs, 1 + rnd.nextInt(20));
  }

  /** The log read backwards; sometimes answers with fewer ops than asked (as a byte cap would). */
  static HistorySessions.Log backwards(List<OpMeta> log, Random rnd, int[] reads) {
    return (rev, max) -> {
      reads[0]++;
      int end = 0;
      while (end < log.size() && log.get(end).rev() < rev) {
        end++;
      }
      int take = Math.min(max, rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(max) : max);
      List<OpMeta> out = new ArrayList<>();
      for (int i = end - 1; i >= 0 && out.size() < take; i--) {
        out.add(log.get(i));
      }
      return out;
    };
  }

  @Test
  void groupingFollowsItsDefinition() {
    forAll("sessions, definition", CASES, (g, i) -> {
      List<OpMeta> log = log(g.rnd, 200);
      HistorySessions s = sessions(g.rnd);
      List<Entry> entries = s.group(log);
      int k = log.size();
      for (Entry e : entries) { // newest first: walk the log backwards
        int to = k - 1;
        assertEquals(log.get(to).rev(), e.toRev());
        int from = to;
        while (from > 0 && !s.boundary(log.get(from - 1), log.get(from))) {
          from--;
        }
        assertEquals(log.get(from).rev(), e.fromRev());
        List<OpMeta> ops = log.subList(from, to + 1);
        assertEquals(ops.get(0).ts(), e.startTs());
        assertEquals(ops.get(ops.size() - 1).ts(), e.endTs());
        assertEquals(ops.size(), e.ops());
        LinkedHashSet<String> authors = new LinkedHashSet<>();
        long ins = 0;
        long del = 0;
        for (OpMeta op : ops) {
          authors.add(op.userId());
          ins = ins < 0 || op.inserted() < 0 ? -1 : ins + op.inserted();
          del = del < 0 || op.deleted() < 0 ? -1 : del + op.deleted();
        }
        assertEquals(List.copyOf(authors), e.authors());
        assertEquals(log.get(to).name(), e.name(), "an entry carries its last revision's name");
        for (OpMeta op : ops.subList(0, ops.size() - 1)) {
          assertEquals(null, op.name(), "a named revision ends its entry");
        }
        if (ops.stream().anyMatch(op -> op.restoredFrom() != null)) {
          assertEquals(1, ops.size(), "a restore is an entry of its own");
        }
        assertEquals(ops.get(0).restoredFrom(), e.restoredFrom(), "a restore's entry carries what it restored");
        assertEquals(ins, e.inserted());
        assertEquals(del, e.deleted());
        k = from;
      }
      assertEquals(0, k, "entries cover the whole log");
    });
  }

  @Test
  void pagesGiveTheWholeGrouping() {
    forAll("sessions, paging", CASES, (g, i) -> {
      List<OpMeta> log = log(g.rnd, 200);
      HistorySessions s = sessions(g.rnd);
      List<Entry> whole = s.group(log);
      int limit = 1 + g.rnd.nextInt(6);
      int[] reads = {0};
      HistorySessions.Log source = backwards(log, g.rnd, reads);
      List<Entry> paged = new ArrayList<>();
      long before = g.rnd.nextBoolean() ? Long.MAX_VALUE
          : (log.isEmpty() ? 1 : log.get(log.size() - 1).rev() + 1);
      for (int p = 0; ; p++) {
        assertTrue(p <= whole.size(), "paging ends");
        Page page = s.before(source, before, limit);
        assertTrue(page.entries().size() <= limit);
        paged.addAll(page.entries());
        if (!page.more()) {
          break;
        }
        assertEquals(limit, page.entries().size(), "only the last page is short");
        before = page.entries().get(limit - 1).fromRev();
      }
      assertEquals(whole, paged);
    });
  }

  @Test
  void aPageBeforeAnyRevisionGroupsThatPrefix() {
    forAll("sessions, prefix", CASES, (g, i) -> {
      List<OpMeta> log = log(g.rnd, 100);
      HistorySessions s = sessions(g.rnd);
      long last = log.isEmpty() ? 0 : log.get(log.size() - 1).rev();
      long rev = g.rnd.nextLong(last + 2);
      List<OpMeta> prefix = log.stream().filter(op -> op.rev() < rev).toList();
      Page page = s.before(backwards(log, g.rnd, new int[1]), rev, Integer.MAX_VALUE);
      assertEquals(s.group(prefix), page.entries());
      assertFalse(page.more());
    });
  }

  /**
   * The pager fed by hand, as an asynchronous reader feeds it (chunks of any size up to what it
   * asks for, sometimes a single op): paging with it gives exactly the whole log's grouping, and
   * each of its pages equals {@code before}'s.
   */
  @Test
  void aFedPagerGivesTheWholeGrouping() {
    forAll("sessions, pager", CASES, (g, i) -> {
      List<OpMeta> log = log(g.rnd, 200);
      HistorySessions s = sessions(g.rnd);
      List<Entry> whole = s.group(log);
      int limit = 1 + g.rnd.nextInt(6);
      HistorySessions.Log source = backwards(log, g.rnd, new int[1]);
      List<Entry> paged = new ArrayList<>();
      long before = Long.MAX_VALUE;
      for (int p = 0; ; p++) {
        assertTrue(p <= whole.size(), "paging ends");
        HistorySessions.Pager pager = s.pager(before, limit);
        int fed = 0;
        while (!pager.feed(source.before(pager.cursor(), pager.readSize()))) {
          assertTrue(++fed <= log.size() + 1, "the pager ends");
        }
        Page page = pager.page();
        assertEquals(s.before(backwards(log, g.rnd, new int[1]), before, limit), page);
        paged.addAll(page.entries());
        if (!page.more()) {
          break;
        }
        before = page.entries().get(limit - 1).fromRev();
      }
      assertEquals(whole, paged);
    });
  }

  @Test
  void aPagerRefusesToBeFedOnceCompleteAndToAnswerBefore() {
    HistorySessions s = new HistorySessions(5 * MIN, 0, 10);
    HistorySessions.Pager pager = s.pager(10, 1);
    assertThrows(IllegalStateException.class, pager::page);
    assertFalse(pager.feed(List.of(new OpMeta(3, "ann", 0))));
    assertThrows(IllegalStateException.class, () -> pager.feed(List.of(new OpMeta(3, "ann", 0))));
    assertTrue(new HistorySessions(5 * MIN, 0, 10).pager(10, 1).feed(List.of()));
    assertThrows(IllegalArgumentException.class, () -> s.pager(10, 0));
  }

  @Test
  void aNamedRevisionEndsItsEntryAndNamesIt() {
    HistorySessions s = new HistorySessions(5 * MIN, 0, 10);
    List<OpMeta> log = List.of(new OpMeta(1, "ann", 0), new OpMeta(2, "ann", 1, -1, -1, "draft"),
        new OpMeta(3, "ann", 2), new OpMeta(4, "bob", 3, -1, -1, "final"));
    List<Entry> expected = List.of(
        new Entry(3, 4, 2, 3, List.of("ann", "bob"), 2, -1, -1, "final"),
        new Entry(1, 2, 0, 1, List.of("ann"), 2, -1, -1, "draft"));
    assertEquals(expected, s.group(log));
    assertEquals(new Page(expected.subList(0, 1), true),
        s.before(backwards(log, new Random(1), new int[1]), 5, 1));
  }

  /** A restore within seconds of its author's edits is still an entry of its own, before and after it. */
  @Test
  void aRestoreIsAnEntryOfItsOwn() {
    HistorySessions s = new HistorySessions(5 * MIN, 0, 10);
    List<OpMeta> log = List.of(new OpMeta(1, "ann", 0), new OpMeta(2, "ann", 1),
        new OpMeta(3, "ann", 2, -1, -1, null, 1L), new OpMeta(4, "ann", 3, -1, -1, "back", 3L),
        new OpMeta(5, "ann", 4));
    List<Entry> expected = List.of(
        new Entry(5, 5, 4, 4, List.of("ann"), 1, -1, -1, null, null),
        new Entry(4, 4, 3, 3, List.of("ann"), 1, -1, -1, "back", 3L),
        new Entry(3, 3, 2, 2, List.of("ann"), 1, -1, -1, null, 1L),
        new Entry(1, 2, 0, 1, List.of("ann"), 2, -1, -1, null, null));
    assertEquals(expected, s.group(log));
    assertEquals(new Page(expected.subList(0, 2), true),
        s.before(backwards(log, new Random(1), new int[1]), 6, 2));
  }

  /** One page reads about its entries' ops / readSize times, not the log. */
  @Test
  void aPageReadsOnlyAsFarAsItsLastEntry() {
    List<OpMeta> log = new ArrayList<>();
    for (int r = 1; r <= 10_000; r++) {
      log.add(new OpMeta(r, "ann", r * 1000L + (r - 1) / 100 * 10 * MIN)); // a pause every 100 ops
    }
    HistorySessions s = new HistorySessions(5 * MIN, 0, 50);
    int[] reads = {0};
    Page page = s.before((rev, max) -> {
      reads[0]++;
      List<OpMeta> out = new ArrayList<>();
      for (long r = Math.min(rev - 1, log.size()); r >= 1 && out.size() < max; r--) {
        out.add(log.get((int) r - 1));
      }
      return out;
    }, Long.MAX_VALUE, 3);
    assertEquals(3, page.entries().size());
    assertEquals(List.of(9_901L, 9_801L, 9_701L),
        page.entries().stream().map(Entry::fromRev).toList());
    assertTrue(page.more());
    assertTrue(reads[0] <= 7, "read " + reads[0] + " times");
  }

  @Test
  void aGapOfExactlyTheThresholdStartsAnEntryAndBlocksCapEntries() {
    HistorySessions s = new HistorySessions(5 * MIN, 3, 10);
    List<OpMeta> log = List.of(new OpMeta(1, "ann", 0), new OpMeta(2, "bob", 5 * MIN - 1),
        new OpMeta(3, "ann", 10 * MIN - 1), new OpMeta(4, "ann", 10 * MIN), new OpMeta(5, "cy", 9 * MIN));
    assertEquals(List.of(
        new Entry(4, 5, 10 * MIN, 9 * MIN, List.of("ann", "cy"), 2, -1, -1),
        new Entry(3, 3, 10 * MIN - 1, 10 * MIN - 1, List.of("ann"), 1, -1, -1),
        new Entry(1, 2, 0, 5 * MIN - 1, List.of("ann", "bob"), 2, -1, -1)), s.group(log));
    assertThrows(IllegalArgumentException.class,
        () -> s.group(List.of(new OpMeta(2, "a", 0), new OpMeta(2, "a", 0))));
  }
}
