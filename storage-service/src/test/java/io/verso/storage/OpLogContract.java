package io.verso.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.ClientSeq;
import io.verso.protocol.storage.FindRequest;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The op log contract: every {@link OpLog} implementation passes these cases. */
abstract class OpLogContract {

  /** The implementation under test. */
  abstract OpLogFixture fixture();

  OpLog log() {
    return fixture().log();
  }

  String createDocument(String title) {
    return fixture().createDocument(title);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  static void assertFails(ErrorCode code, String message, ThrowingCallable call) {
    var a = assertThatThrownBy(call).isInstanceOf(VersoException.class)
        .satisfies(t -> assertThat(((VersoException) t).code()).isEqualTo(code));
    if (message != null) {
      a.hasMessage(message);
    }
  }

  static OpRecord op(long rev, String client, long seq, String text) {
    return op(rev, "user-1", client, seq, text);
  }

  static OpRecord op(long rev, String user, String client, long seq, String text) {
    return new OpRecord(rev, client, seq, user, 1_700_000_000_000L + rev,
        new JsonArray().add(new JsonObject().put("insert", text).put("attributes", new JsonObject().put("bold", true))));
  }

  static AppendRequest req(String doc, OpRecord... ops) {
    return new AppendRequest(doc, List.of(ops));
  }

  @Test
  void appendThenLoadReturnsOpsInOrderWithClientSeqs() {
    String doc = createDocument("Notes");
    assertThat(await(log().append(req(doc, op(1, "client-a", 1, "a")))).headRev()).isEqualTo(1);
    assertThat(await(log().append(req(doc, op(2, "client-b", 1, "b"), op(3, "client-a", 2, "c")))).headRev())
        .isEqualTo(3);
    LoadResult load = await(log().load(doc));
    assertThat(load.docId()).isEqualTo(doc);
    assertThat(load.title()).isEqualTo("Notes");
    assertThat(load.headRev()).isEqualTo(3);
    assertThat(load.snapshot()).isNull();
    assertThat(load.ops()).extracting(OpRecord::rev).containsExactly(1L, 2L, 3L);
    assertThat(load.ops().get(2)).isEqualTo(op(3, "client-a", 2, "c"));
    assertThat(load.clients()).containsExactlyInAnyOrder(new ClientSeq("client-a", "user-1", 2, 3),
        new ClientSeq("client-b", "user-1", 1, 2));
  }

  @Test
  void appendAtATakenOrFutureRevisionIsAConflictAndWritesNothing() {
    String doc = createDocument("t");
    await(log().append(req(doc, op(1, "c", 1, "x"))));
    assertFails(ErrorCode.CONFLICT, null, () -> await(log().append(req(doc, op(1, "other", 1, "y")))));
    assertFails(ErrorCode.CONFLICT, null, () -> await(log().append(req(doc, op(3, "other", 1, "y")))));
    LoadResult load = await(log().load(doc));
    assertThat(load.headRev()).isEqualTo(1);
    assertThat(load.ops()).containsExactly(op(1, "c", 1, "x"));
  }

  @Test
  void repeatedClientSeqIsADuplicateNamingTheOriginalRev() {
    String doc = createDocument("t");
    await(log().append(req(doc, op(1, "c", 1, "x"), op(2, "c", 2, "y"))));
    // a retry of an already committed op, at the old rev and at a new rev
    assertFails(ErrorCode.DUPLICATE, "rev=2", () -> await(log().append(req(doc, op(2, "c", 2, "y")))));
    assertFails(ErrorCode.DUPLICATE, "rev=1", () -> await(log().append(req(doc, op(3, "c", 1, "x")))));
    assertThat(await(log().load(doc)).headRev()).isEqualTo(2);
  }

  @Test
  void aRequestIsAllOrNothing() {
    String doc = createDocument("t");
    await(log().append(req(doc, op(1, "c", 1, "x"))));
    // the third op repeats (c, 1): nothing of the request is written
    assertFails(ErrorCode.DUPLICATE, "rev=1",
        () -> await(log().append(req(doc, op(2, "d", 1, "a"), op(3, "d", 2, "b"), op(4, "c", 1, "x")))));
    LoadResult load = await(log().load(doc));
    assertThat(load.headRev()).isEqualTo(1);
    assertThat(load.ops()).hasSize(1);
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().find(new FindRequest(doc, "user-1", "d", 1))));
  }

  @Test
  void unknownDocumentIsNotFound() {
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().append(req("nope-nope", op(1, "c", 1, "x")))));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().load("nope-nope")));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().range(new RangeRequest("nope-nope", 0, null, 10))));
    assertFails(ErrorCode.NOT_FOUND, null,
        () -> await(log().saveSnapshot(new SnapshotSaveRequest("nope-nope", 0, new JsonArray()))));
  }

  @Test
  void rangeIsExclusiveInclusiveAscendingAndLimited() {
    String doc = createDocument("t");
    for (int rev = 1; rev <= 10; rev++) {
      await(log().append(req(doc, op(rev, "c", rev, "r" + rev))));
    }
    assertThat(await(log().range(new RangeRequest(doc, 3, 6L, 100))).ops()).extracting(OpRecord::rev)
        .containsExactly(4L, 5L, 6L);
    assertThat(await(log().range(new RangeRequest(doc, 0, null, 4))).ops()).extracting(OpRecord::rev)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(await(log().range(new RangeRequest(doc, 8, null, 100))).ops()).extracting(OpRecord::rev)
        .containsExactly(9L, 10L);
    assertThat(await(log().range(new RangeRequest(doc, 10, null, 100))).ops()).isEmpty();
  }

  @Test
  void findReturnsTheRevOfACommittedClientSeq() {
    String doc = createDocument("t");
    await(log().append(req(doc, op(1, "a", 7, "x"), op(2, "b", 1, "y"))));
    assertThat(await(log().find(new FindRequest(doc, "user-1", "a", 7)))).isEqualTo(1);
    assertThat(await(log().find(new FindRequest(doc, "user-1", "b", 1)))).isEqualTo(2);
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().find(new FindRequest(doc, "user-1", "a", 8))));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(log().find(new FindRequest(doc, "user-2", "a", 7))));
  }

  /** The uniqueness key holds the user: another user's (clientId, seq) is not a duplicate of it. */
  @Test
  void deduplicationNeverCrossesUsers() {
    String doc = createDocument("t");
    await(log().append(req(doc, op(1, "user-1", "shared-client", 1, "mine"))));
    assertFails(ErrorCode.DUPLICATE, "rev=1", () -> await(log().append(req(doc, op(2, "user-1", "shared-client", 1, "x")))));
    assertThat(await(log().append(req(doc, op(2, "user-2", "shared-client", 1, "theirs")))).headRev()).isEqualTo(2);
    assertThat(await(log().find(new FindRequest(doc, "user-1", "shared-client", 1)))).isEqualTo(1);
    assertThat(await(log().find(new FindRequest(doc, "user-2", "shared-client", 1)))).isEqualTo(2);
  }

  /** A range with a byte budget ends early once its ops' JSON is that large, but never empty. */
  @Test
  void rangeEndsEarlyWhenItsByteBudgetIsFull() {
    String doc = createDocument("t");
    for (int rev = 1; rev <= 6; rev++) {
      await(log().append(req(doc, op(rev, "c", rev, "x".repeat(1000)))));
    }
    assertThat(await(log().range(new RangeRequest(doc, 0, null, 100, 3_500L))).ops()).extracting(OpRecord::rev)
        .containsExactly(1L, 2L, 3L);
    assertThat(await(log().range(new RangeRequest(doc, 2, null, 100, 10L))).ops()).extracting(OpRecord::rev)
        .containsExactly(3L);
    assertThat(await(log().range(new RangeRequest(doc, 4, null, 100, 1_000_000L))).ops()).extracting(OpRecord::rev)
        .containsExactly(5L, 6L);
  }

  @Test
  void loadIsTheLatestSnapshotPlusTheTail() {
    String doc = createDocument("t");
    for (int rev = 1; rev <= 6; rev++) {
      await(log().append(req(doc, op(rev, "c", rev, "r" + rev))));
    }
    JsonArray at4 = new JsonArray().add(new JsonObject().put("insert", "r1r2r3r4\n"));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 2, new JsonArray().add(new JsonObject().put("insert", "x")))));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 4, at4)));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 4, at4))); // idempotent
    LoadResult load = await(log().load(doc));
    assertThat(load.snapshot().rev()).isEqualTo(4);
    assertThat(load.snapshot().content()).isEqualTo(at4);
    assertThat(load.ops()).extracting(OpRecord::rev).containsExactly(5L, 6L);
    assertThat(load.headRev()).isEqualTo(6);
    assertFails(ErrorCode.BAD_REQUEST, null,
        () -> await(log().saveSnapshot(new SnapshotSaveRequest(doc, 7, new JsonArray()))));
  }

  @Test
  void theLatestSnapshotsAreKeptAndTheFirstOfTheirBlock() {
    String doc = createDocument("t");
    for (int rev = 1; rev <= 6; rev++) {
      await(log().append(req(doc, op(rev, "c", rev, "r"))));
      await(log().saveSnapshot(new SnapshotSaveRequest(doc, rev, new JsonArray().add(rev))));
    }
    assertThat(await(log().load(doc)).snapshot().rev()).isEqualTo(6);
    assertThat(snapshotRevs(doc)).containsExactly(1L, 4L, 5L, 6L);
  }

  /** Every block of 1000 revisions keeps its first snapshot (a history checkpoint), plus the latest 3. */
  @Test
  void eachBlockOfRevisionsKeepsItsFirstSnapshot() {
    String doc = createDocument("t");
    List<OpRecord> ops = new java.util.ArrayList<>();
    for (int rev = 1; rev <= 2500; rev++) {
      ops.add(op(rev, "c", rev, "r"));
      if (ops.size() == 500) {
        await(log().append(new AppendRequest(doc, List.copyOf(ops))));
        ops.clear();
      }
    }
    for (int rev = 100; rev <= 2500; rev += 100) {
      await(log().saveSnapshot(new SnapshotSaveRequest(doc, rev, new JsonArray().add(rev))));
    }
    assertThat(snapshotRevs(doc)).containsExactly(100L, 1000L, 2000L, 2300L, 2400L, 2500L);
    // a snapshot saved late for an earlier revision is its block's first from then on
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 1500, new JsonArray().add(1500))));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 40, new JsonArray().add(40))));
    assertThat(snapshotRevs(doc)).containsExactly(40L, 1000L, 2000L, 2300L, 2400L, 2500L);
    assertThat(await(log().load(doc)).snapshot().rev()).isEqualTo(2500);
  }

  @Test
  void aSnapshotKeepsItsAuthorship() {
    String doc = createDocument("t");
    for (int rev = 1; rev <= 3; rev++) {
      await(log().append(req(doc, op(rev, "c", rev, "r"))));
    }
    JsonArray content = new JsonArray().add(new JsonObject().put("insert", "r1r2\n"));
    JsonArray runs = new JsonArray().add(new JsonObject().put("length", 2).put("userId", "user-1"))
        .add(new JsonObject().put("length", 3).putNull("userId"));
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 2, content, runs)));
    LoadResult load = await(log().load(doc));
    assertThat(load.snapshot().authorship()).isEqualTo(runs);
    assertThat(load.snapshot().content()).isEqualTo(content);
    await(log().saveSnapshot(new SnapshotSaveRequest(doc, 3, content)));
    assertThat(await(log().load(doc)).snapshot().authorship()).isNull(); // saved without: none
  }

  /** The revs of the snapshots the implementation keeps for a document, ascending. */
  List<Long> snapshotRevs(String docId) {
    return fixture().snapshotRevs(docId);
  }

  @Test
  void opsAreStoredOpaque() {
    String doc = createDocument("t");
    JsonArray delta = new JsonArray()
        .add(new JsonObject().put("retain", 3).put("attributes", new JsonObject().put("link", "https://x.y/?a=1&b=\"2\"")))
        .add(new JsonObject().put("insert", new JsonObject().put("image", "data:image/png;base64,AAAA")))
        .add(new JsonObject().put("insert", "é😀\t\"\\\n"))
        .add(new JsonObject().put("delete", 2));
    OpRecord op = new OpRecord(1, "c", 1, "u", 42, delta);
    await(log().append(req(doc, op)));
    assertThat(await(log().load(doc)).ops()).containsExactly(op);
  }

  @Test
  void opsPostgresqlCannotStoreAreABadRequestOfTheirOwn() {
    String doc = createDocument("t");
    OpRecord nul = new OpRecord(1, "c", 1, "u", 42, new JsonArray().add(new JsonObject().put("insert", "a\u0000b")));
    assertFails(ErrorCode.BAD_REQUEST, null, () -> await(log().append(req(doc, nul))));
    assertThat(await(log().append(req(doc, op(1, "c", 1, "ok")))).headRev()).isEqualTo(1);
  }
}
