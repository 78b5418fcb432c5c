package io.verso.storage;

import static io.verso.storage.OpLogContract.assertFails;
import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.DocRevRequest;
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
import org.junit.jupiter.api.Test;

/** The version history contract: every {@link HistoryStore} implementation passes these cases. */
abstract class HistoryStoreContract {
  static final String MISSING = "no-such-doc";

  abstract HistoryStore store();

  /** The op log the store reads (to append ops and save snapshots). */
  abstract OpLog log();

  abstract String createDocument(String title);

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
}
