package io.verso.storage;

import static io.verso.storage.OpLogContract.assertFails;
import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.OpMeta;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.DocRevRequest;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryEntriesRequest;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.HistoryMetaRequest;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.protocol.storage.VersionListRequest;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The version history contract: every {@link HistoryStore} implementation passes these cases. */
abstract class HistoryStoreContract {
  static final String MISSING = "no-such-doc";

  abstract HistoryStore store();

  /** The op log the store reads (to append ops and save snapshots), and its documents. */
  abstract OpLogFixture fixture();

  OpLog log() {
    return fixture().log();
  }

  String createDocument(String title) {
    return fixture().createDocument(title);
  }

  /** Forgets whatever the store caches of history pages (the next page is computed cold). */
  void dropCache() {
  }

  static long ts(long rev) {
    return 1_700_000_000_000L + 1000 * rev;
  }

  /** A document with {@code n} ops, rev r by user-(r mod 3) at {@link #ts}(r). */
  String docWithOps(int n) {
    return docWithOps(n, "user-");
  }

  String docWithOps(int n, String userPrefix) {
    String doc = createDocument("History");
    List<OpRecord> batch = new ArrayList<>();
    for (long rev = 1; rev <= n; rev++) {
      batch.add(new OpRecord(rev, "client-" + (rev % 3), rev, userPrefix + (rev % 3), ts(rev),
          new JsonArray().add(new JsonObject().put("insert", "x"))));
      if (batch.size() == 500 || rev == n) {
        await(log().append(new AppendRequest(doc, batch)));
        batch = new ArrayList<>();
      }
    }
    return doc;
  }

  List<Long> revs(HistoryMeta meta) {
    return meta.ops().stream().map(HistoryMeta.Entry::rev).toList();
  }

  @Test
  void metaIsNewestFirstBeforeTheRevWithNamesAndNoDeltas() {
    String doc = docWithOps(10);
    await(store().putVersion(new VersionPutRequest(doc, 7, "Sent to legal", "carol")));
    HistoryMeta meta = await(store().meta(new HistoryMetaRequest(doc, 9, 4)));
    assertThat(meta.ops()).containsExactly(new HistoryMeta.Entry(8, "user-2", ts(8), null),
        new HistoryMeta.Entry(7, "user-1", ts(7), "Sent to legal"), new HistoryMeta.Entry(6, "user-0", ts(6), null),
        new HistoryMeta.Entry(5, "user-2", ts(5), null));
    assertThat(meta.toJson().encode()).doesNotContain("insert");
    assertThat(revs(await(store().meta(new HistoryMetaRequest(doc, Long.MAX_VALUE, 3))))).containsExactly(10L, 9L, 8L);
    assertThat(revs(await(store().meta(new HistoryMetaRequest(doc, 3, 100))))).containsExactly(2L, 1L);
    assertThat(await(store().meta(new HistoryMetaRequest(doc, 1, 100))).ops()).isEmpty();
  }

  @Test
  void metaSaysWhatARestoreRestoredFromItsClientId() {
    String doc = createDocument("Restored");
    JsonArray x = new JsonArray().add(new JsonObject().put("insert", "x"));
    await(log().append(new AppendRequest(doc, List.of(new OpRecord(1, "client-aaaaaaaaaaaa", 1, "ann", ts(1), x),
        new OpRecord(2, RestoreIds.clientId(0), 1, "ann", ts(2), x),
        new OpRecord(3, "restore-0123456789abcdef0123456789abcdef", 1, "ann", ts(3), x), // no revision in it
        new OpRecord(4, RestoreIds.clientId(9), 1, "ann", ts(4), x))))); // not an earlier revision: not a restore of one
    assertThat(await(store().meta(new HistoryMetaRequest(doc, 10, 10))).ops()).containsExactly(
        new HistoryMeta.Entry(4, "ann", ts(4), null), new HistoryMeta.Entry(3, "ann", ts(3), null),
        new HistoryMeta.Entry(2, "ann", ts(2), null, 0L), new HistoryMeta.Entry(1, "ann", ts(1), null));
    assertThat(await(store().entries(new HistoryEntriesRequest(doc, 10, 10, GAP))).entries())
        .extracting(HistorySessions.Entry::fromRev, HistorySessions.Entry::toRev, HistorySessions.Entry::restoredFrom)
        .containsExactly(tuple(3L, 4L, null), tuple(2L, 2L, 0L),
            tuple(1L, 1L, null));
  }

  @Test
  void metaOfAnEmptyDocumentIsEmptyAndOfAnUnknownOneNotFound() {
    String doc = createDocument("Empty");
    assertThat(await(store().meta(new HistoryMetaRequest(doc, 100, 10))).ops()).isEmpty();
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().meta(new HistoryMetaRequest(MISSING, 100, 10))));
  }

  @Test
  void metaStopsAtItsByteBudgetAndTheNextReadGoesOn() {
    String longUser = "u".repeat(OpRecord.MAX_ID_LENGTH - 1);
    String doc = docWithOps(HistoryMetaRequest.MAX_LIMIT, longUser);
    HistoryMeta first = await(store().meta(new HistoryMetaRequest(doc, Long.MAX_VALUE, HistoryMetaRequest.MAX_LIMIT)));
    assertThat(first.ops()).hasSizeBetween(1, HistoryMetaRequest.MAX_LIMIT - 1);
    assertThat(first.toJson().toBuffer().length()).isLessThanOrEqualTo(HistoryMeta.MAX_BYTES);
    long last = first.ops().get(first.ops().size() - 1).rev();
    HistoryMeta next = await(store().meta(new HistoryMetaRequest(doc, last, HistoryMetaRequest.MAX_LIMIT)));
    assertThat(revs(next).get(0)).isEqualTo(last - 1);
    assertThat(first.ops().size() + next.ops().size()).isEqualTo(HistoryMetaRequest.MAX_LIMIT);
  }

  @Test
  void snapshotAtIsTheLatestAtOrBeforeTheRev() {
    String doc = docWithOps(6);
    SnapshotAt none = await(store().snapshotAt(new DocRevRequest(doc, 5)));
    assertThat(none).isEqualTo(new SnapshotAt(0, null));
    JsonArray at2 = new JsonArray().add(new JsonObject().put("insert", "xx\n"));
    JsonArray at4 = new JsonArray().add(new JsonObject().put("insert", "xxxx\n"));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 2, at2)));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 4, at4)));
    assertThat(await(store().snapshotAt(new DocRevRequest(doc, 0)))).isEqualTo(new SnapshotAt(0, null));
    assertThat(await(store().snapshotAt(new DocRevRequest(doc, 1)))).isEqualTo(new SnapshotAt(0, null));
    assertThat(await(store().snapshotAt(new DocRevRequest(doc, 2)))).isEqualTo(new SnapshotAt(2, at2));
    assertThat(await(store().snapshotAt(new DocRevRequest(doc, 3)))).isEqualTo(new SnapshotAt(2, at2));
    assertThat(await(store().snapshotAt(new DocRevRequest(doc, 6)))).isEqualTo(new SnapshotAt(4, at4));
  }

  @Test
  void snapshotAtPastTheHeadOrOfAnUnknownDocumentIsNotFound() {
    String doc = docWithOps(3);
    assertFails(ErrorCode.NOT_FOUND, "no revision 4 in " + doc + " (head 3)",
        () -> await(store().snapshotAt(new DocRevRequest(doc, 4))));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().snapshotAt(new DocRevRequest(MISSING, 0))));
  }

  @Test
  void namedVersionsArePutReplacedListedAndDeleted() {
    String doc = docWithOps(5);
    assertThat(await(store().putVersion(new VersionPutRequest(doc, 2, "Draft", "alice"))).name()).isEqualTo("Draft");
    await(store().putVersion(new VersionPutRequest(doc, 5, "Final", "bob")));
    await(store().putVersion(new VersionPutRequest(doc, 1, "Start", "bob")));
    await(store().putVersion(new VersionPutRequest(doc, 2, "Draft 2", "carol"))); // replaces
    assertThat(await(store().versions(new VersionListRequest(doc, Long.MAX_VALUE, 100))).versions()).containsExactly(
        new NamedVersions.Version(5, "Final", "bob", ts(5)), new NamedVersions.Version(2, "Draft 2", "carol", ts(2)),
        new NamedVersions.Version(1, "Start", "bob", ts(1)));
    assertThat(await(store().versions(new VersionListRequest(doc, 5, 1))).versions())
        .containsExactly(new NamedVersions.Version(2, "Draft 2", "carol", ts(2)));
    await(store().deleteVersion(new DocRevRequest(doc, 2)));
    assertFails(ErrorCode.NOT_FOUND, "revision 2 of " + doc + " has no name",
        () -> await(store().deleteVersion(new DocRevRequest(doc, 2))));
    assertThat(await(store().versions(new VersionListRequest(doc, 100, 100))).versions())
        .extracting(NamedVersions.Version::rev).containsExactly(5L, 1L);
    assertThat(revs(await(store().meta(new HistoryMetaRequest(doc, 100, 100))))).hasSize(5);
    assertThat(await(store().meta(new HistoryMetaRequest(doc, 3, 1))).ops().get(0).name()).isNull();
  }

  @Test
  void aVersionNeedsAnExistingRevision() {
    String doc = docWithOps(2);
    assertFails(ErrorCode.NOT_FOUND, "no revision 3 in " + doc + " (head 2)",
        () -> await(store().putVersion(new VersionPutRequest(doc, 3, "Later", "alice"))));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().putVersion(new VersionPutRequest(MISSING, 1, "X", "alice"))));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().deleteVersion(new DocRevRequest(MISSING, 1))));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().versions(new VersionListRequest(MISSING, 10, 10))));
    assertThat(await(store().versions(new VersionListRequest(doc, 10, 10))).versions()).isEmpty();
  }

  @Test
  void namesAreStoredExactlyUpToTheirLimit() {
    String doc = docWithOps(3);
    String pairs = "\uD83D\uDCDD".repeat(VersionPutRequest.MAX_NAME / 2); // 100 UTF-16 units, 200 bytes
    String threeByte = "€".repeat(VersionPutRequest.MAX_NAME); // 300 bytes
    String spaced = "  two  spaces  ";
    await(store().putVersion(new VersionPutRequest(doc, 1, pairs, "alice")));
    await(store().putVersion(new VersionPutRequest(doc, 2, threeByte, "alice")));
    await(store().putVersion(new VersionPutRequest(doc, 3, spaced, "alice")));
    assertThat(await(store().versions(new VersionListRequest(doc, 10, 10))).versions())
        .extracting(NamedVersions.Version::name).containsExactly(spaced, threeByte, pairs);
  }

  // ---- history entries: pages equal HistorySessions.before over the same metadata ----

  static final long GAP = HistorySessions.DEFAULT_GAP_MILLIS;

  /** A document's ops and names as the test knows them, to compare pages with {@link HistorySessions}. */
  final class Model {
    final String doc = createDocument("Entries");
    final List<OpMeta> ops = new ArrayList<>();
    final TreeMap<Long, String> names = new TreeMap<>();
    /** About one op in this many is a restore (0: none). */
    int restoreEvery;
    long ts = 1_700_000_000_000L;

    /**
     * Appends {@code n} ops: users taking turns, small steps, sometimes a pause or a clock going back,
     * sometimes a restore (its client id saying which earlier revision it restored).
     */
    void append(Random rnd, int n, int users, String userPrefix) {
      List<OpRecord> batch = new ArrayList<>();
      String user = userPrefix + rnd.nextInt(Math.max(1, users));
      for (int i = 0; i < n; i++) {
        long rev = ops.size() + 1;
        if (users < 0) { // every op by another user, no pause: an entry per block with 1000 authors
          user = userPrefix + String.format("%05d", rev % 100_000);
          ts++;
        } else {
          if (rnd.nextInt(8) == 0) {
            user = userPrefix + rnd.nextInt(users);
          }
          int kind = rnd.nextInt(100);
          ts += kind < 6 ? GAP / 5 + rnd.nextLong(2 * GAP) : kind < 9 ? -rnd.nextInt(10_000) : rnd.nextInt(3000);
        }
        Long restoredFrom = restoreEvery > 0 && rnd.nextInt(restoreEvery) == 0 ? rnd.nextLong(rev) : null;
        String clientId = restoredFrom == null ? user : RestoreIds.clientId(restoredFrom);
        ops.add(new OpMeta(rev, user, ts, OpMeta.UNKNOWN, OpMeta.UNKNOWN, null, restoredFrom));
        batch.add(new OpRecord(rev, clientId, restoredFrom == null ? rev : 1, user, ts,
            new JsonArray().add(new JsonObject().put("insert", "x"))));
        if (batch.size() == 500 || i == n - 1) {
          await(log().append(new AppendRequest(doc, batch)));
          batch = new ArrayList<>();
        }
      }
    }

    void name(long rev, String name) {
      await(store().putVersion(new VersionPutRequest(doc, rev, name, "namer")));
      names.put(rev, name);
    }

    void unname(long rev) {
      await(store().deleteVersion(new DocRevRequest(doc, rev)));
      names.remove(rev);
    }

    /** What HistorySessions pages give over this metadata, read in pieces of {@code readSize}. */
    HistoryEntries expected(long before, int limit, long gap, int readSize) {
      HistorySessions.Log log = (rev, max) -> {
        List<OpMeta> out = new ArrayList<>();
        for (long r = Math.min(rev - 1, ops.size()); r >= 1 && out.size() < max; r--) {
          OpMeta op = ops.get((int) r - 1);
          out.add(new OpMeta(r, op.userId(), op.ts(), OpMeta.UNKNOWN, OpMeta.UNKNOWN, names.get(r), op.restoredFrom()));
        }
        return out;
      };
      HistorySessions.Page page = new HistorySessions(gap, HistorySessions.DEFAULT_MAX_REVS, readSize)
          .before(log, before, limit);
      return new HistoryEntries(page.entries(), page.more());
    }

    HistoryEntries page(long before, int limit, long gap) {
      return await(store().entries(new HistoryEntriesRequest(doc, before, limit, gap)));
    }
  }

  @Test
  void entriesAreWholeEntriesNewestFirstCutAtBeforeAndEndedByNames() {
    Model m = new Model();
    m.append(new Random(5), 2_600, 3, "user-");
    m.name(1_000, "Block end");
    m.name(1_500, "Middle");
    HistoryEntries all = m.page(Long.MAX_VALUE, 100, GAP);
    assertThat(all).isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512));
    assertThat(all.entries().get(0).toRev()).isEqualTo(2_600);
    assertThat(all.entries()).filteredOn(e -> e.name() != null).extracting(HistorySessions.Entry::toRev)
        .containsExactly(1_500L, 1_000L);

    // a before inside an entry cuts it there; paging on from the last fromRev gives the rest
    HistoryEntries cut = m.page(1_234, 2, GAP);
    assertThat(cut).isEqualTo(m.expected(1_234, 2, GAP, 512));
    assertThat(cut.entries().get(0).toRev()).isEqualTo(1_233);
    assertThat(m.page(1, 10, GAP)).isEqualTo(new HistoryEntries(List.of(), false));
    assertThat(m.page(2, 10, GAP).entries()).hasSize(1);
    assertThat(m.page(2, 10, GAP).more()).isFalse();
  }

  @Test
  void entriesOfAnEmptyDocumentAreEmptyAndOfAnUnknownOneNotFound() {
    String doc = createDocument("Empty");
    assertThat(await(store().entries(new HistoryEntriesRequest(doc, 100, 10, GAP))))
        .isEqualTo(new HistoryEntries(List.of(), false));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().entries(new HistoryEntriesRequest(MISSING, 100, 10, GAP))));
  }

  /**
   * Random logs (users, pauses, clocks going back), names added and removed between reads, ops
   * appended between reads (an incomplete block becomes complete), pages at random revisions with
   * random limits and two gaps, restores (none to every third op): every page equals
   * HistorySessions.before, cache cold and warm.
   */
  @Test
  void entriesEqualHistorySessionsOnRandomLogsColdAndWarm() {
    Random rnd = new Random(23);
    for (int round = 0; round < 4; round++) {
      Model m = new Model();
      m.restoreEvery = new int[] {0, 200, 30, 3}[round];
      m.append(rnd, 1 + rnd.nextInt(3_500), 1 + rnd.nextInt(4), "u");
      for (int read = 0; read < 25; read++) {
        int change = rnd.nextInt(10);
        long head = m.ops.size();
        if (change < 4) {
          long rev = rnd.nextBoolean() ? 1 + rnd.nextLong(head)
              : Math.max(1, Math.min(head, 1000L * (1 + rnd.nextInt(4)) - rnd.nextInt(2)));
          m.name(rev, "v" + read);
        } else if (change < 6 && !m.names.isEmpty()) {
          m.unname(m.names.keySet().stream().skip(rnd.nextInt(m.names.size())).findFirst().orElseThrow());
        } else if (change == 6) {
          m.append(rnd, 1 + rnd.nextInt(700), 3, "u");
        }
        if (rnd.nextInt(3) == 0) {
          dropCache();
        }
        head = m.ops.size();
        long before = rnd.nextInt(4) == 0 ? head + 1 + rnd.nextInt(3) : 1 + rnd.nextLong(head + 1);
        int limit = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(HistoryEntriesRequest.MAX_LIMIT) : 1 + rnd.nextInt(20);
        long gap = rnd.nextInt(4) == 0 ? 60_000 : GAP;
        HistoryEntries expected = m.expected(before, limit, gap, 1 + rnd.nextInt(1500));
        String what = "round " + round + " read " + read + ": before " + before + " limit " + limit + " gap " + gap;
        assertThat(m.page(before, limit, gap)).as(what + " (as cached)").isEqualTo(expected);
        assertThat(m.page(before, limit, gap)).as(what + " (warm)").isEqualTo(expected);
        assertThat(expected.entries()).filteredOn(e -> e.restoredFrom() != null).allSatisfy(e -> {
          assertThat(e.ops()).as("a restore is an entry of its own").isEqualTo(1);
          assertThat(e.restoredFrom()).isEqualTo(m.ops.get((int) e.toRev() - 1).restoredFrom());
        });
        if (!expected.entries().isEmpty() && expected.more()) {
          long next = expected.entries().get(expected.entries().size() - 1).fromRev();
          assertThat(m.page(next, limit, gap)).as(what + " (next page)").isEqualTo(m.expected(next, limit, gap, 512));
        }
      }
    }
  }

  @Test
  void entriesStopAtTheirByteBudgetAndTheNextPageGoesOn() {
    Model m = new Model();
    // 1000 authors with long ids per entry: ≈ 130 KB each, a page of 6 would be ≈ 800 KB
    m.append(new Random(9), 6_000, -1, "u".repeat(OpRecord.MAX_ID_LENGTH - 5));
    HistoryEntries first = m.page(Long.MAX_VALUE, 10, GAP);
    HistoryEntries expected = m.expected(Long.MAX_VALUE, 10, GAP, 512);
    assertThat(expected.entries()).hasSize(6);
    assertThat(first.entries()).hasSizeBetween(1, expected.entries().size() - 1);
    assertThat(first.more()).isTrue();
    assertThat(expected.entries()).startsWith(first.entries().toArray(HistorySessions.Entry[]::new));
    assertThat(first.toJson().toBuffer().length()).isLessThanOrEqualTo(HistoryEntries.MAX_BYTES);
    long next = first.entries().get(first.entries().size() - 1).fromRev();
    assertThat(m.page(next, 10, GAP).entries().get(0))
        .isEqualTo(expected.entries().get(first.entries().size()));
  }
}
