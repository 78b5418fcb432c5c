package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.expectFailure;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.StorageStats;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2 and 3 of the storage-service, through the event bus on real PostgreSQL: the revision
 * fence, duplicates, and group commit (1,000 concurrent appends in at most 100 transactions).
 */
class AppendAcceptanceTest {
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(AppendAcceptanceTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  @Test
  void twoConcurrentAppendsAtTheSameRevisionOneWinsTheOtherConflicts() {
    for (int round = 0; round < 20; round++) {
      String doc = storage.createDoc("owner", "race " + round);
      long base = round % 2; // also race past the first revision
      if (base == 1) {
        await(storage.append(doc, op(1, "setup", 1)));
      }
      Future<JsonObject> a = storage.append(doc, op(base + 1, "client-a", 1));
      Future<JsonObject> b = storage.append(doc, op(base + 1, "client-b", 1));
      await(Future.join(a, b).otherwiseEmpty());
      assertThat(a.succeeded() ^ b.succeeded()).as("exactly one wins in round %d", round).isTrue();
      Future<JsonObject> loser = a.succeeded() ? b : a;
      assertThat(ErrorCode.of(((ReplyException) loser.cause()).failureCode())).isEqualTo(ErrorCode.CONFLICT);
      OpRecord winner = a.succeeded() ? op(base + 1, "client-a", 1) : op(base + 1, "client-b", 1);
      assertThat(range(doc).ops()).last().isEqualTo(winner);
      assertThat(range(doc).ops()).hasSize((int) base + 1);
    }
  }

  @Test
  void aRepeatedClientSeqIsADuplicateWithTheOriginalRevision() {
    String doc = storage.createDoc("owner", "dup");
    await(storage.append(doc, op(1, "c", 1), op(2, "c", 2)));
    await(storage.append(doc, op(3, "d", 1)));
    // retried at its original rev, and at the next free rev (a sequencer that lost its memory)
    assertThat(expectFailure(ErrorCode.DUPLICATE, storage.append(doc, op(2, "c", 2)))).isEqualTo("rev=2");
    assertThat(AppendResult.duplicateRev(expectFailure(ErrorCode.DUPLICATE, storage.append(doc, op(4, "c", 2)))))
        .isEqualTo(2);
    assertThat(expectFailure(ErrorCode.DUPLICATE, storage.append(doc, op(4, "c", 1)))).isEqualTo("rev=1");
    assertThat(storage.call(Addresses.STORAGE_OPS_FIND,
        new JsonObject().put("docId", doc).put("userId", "user-c").put("clientId", "c").put("seq", 2)).getLong("rev"))
        .isEqualTo(2);
    assertThat(range(doc).ops()).extracting(OpRecord::rev).containsExactly(1L, 2L, 3L);
  }

  @Test
  void failuresInOneGroupCommitConcernOnlyTheirOwnRequests() {
    String blocker = storage.createDoc("owner", "blocker");
    String a = storage.createDoc("owner", "a");
    String b = storage.createDoc("owner", "b");
    await(storage.append(b, op(1, "b1", 1)));
    // the first request starts a batch; the others arrive while it is in flight and share the next
    // batches (documents a and b each in one batch at a time)
    Future<JsonObject> first = storage.append(blocker, op(1, "x", 1));
    Future<JsonObject> a1 = storage.append(a, op(1, "a1", 1));
    Future<JsonObject> aConflict = storage.append(a, op(1, "a2", 1));
    Future<JsonObject> b2 = storage.append(b, op(2, "b2", 1));
    Future<JsonObject> bDuplicate = storage.append(b, op(3, "b1", 1));
    Future<JsonObject> a2 = storage.append(a, op(2, "a1", 2));
    Future<JsonObject> missing = storage.append("no-such-doc", op(1, "m", 1));
    await(first);
    assertThat(await(a1).getLong("headRev")).isEqualTo(1);
    assertThat(await(a2).getLong("headRev")).isEqualTo(2);
    assertThat(await(b2).getLong("headRev")).isEqualTo(2);
    expectFailure(ErrorCode.CONFLICT, aConflict);
    assertThat(expectFailure(ErrorCode.DUPLICATE, bDuplicate)).isEqualTo("rev=1");
    expectFailure(ErrorCode.NOT_FOUND, missing);
    assertThat(range(a).ops()).containsExactly(op(1, "a1", 1), op(2, "a1", 2));
    assertThat(range(b).ops()).containsExactly(op(1, "b1", 1), op(2, "b2", 1));
  }

  @Test
  void groupCommitPutsAThousandConcurrentAppendsInAtMostAHundredTransactions() {
    String doc = storage.createDoc("owner", "thousand");
    StorageStats before = storage.stats();
    List<Future<JsonObject>> acks = new ArrayList<>();
    for (int rev = 1; rev <= 1000; rev++) {
      acks.add(storage.append(doc, op(rev, "client-" + (rev % 7), rev)));
    }
    await(Future.all(acks));
    StorageStats after = storage.stats();
    for (int i = 0; i < acks.size(); i++) {
      assertThat(acks.get(i).result().getLong("headRev")).isEqualTo(i + 1);
    }
    long transactions = after.transactions() - before.transactions();
    org.slf4j.LoggerFactory.getLogger(AppendAcceptanceTest.class)
        .info("1,000 concurrent appends to one document: {} transactions", transactions);
    assertThat(transactions).as("append transactions for 1,000 appends").isBetween(1L, 100L);
    assertThat(after.appendedOps() - before.appendedOps()).isEqualTo(1000);
    assertThat(after.appendRequests() - before.appendRequests()).isEqualTo(1000);
    List<OpRecord> stored = range(doc).ops();
    assertThat(stored).hasSize(1000);
    for (int rev = 1; rev <= 1000; rev++) {
      assertThat(stored.get(rev - 1)).isEqualTo(op(rev, "client-" + (rev % 7), rev));
    }
  }

  @Test
  void interleavedAppendsToManyDocumentsAreAllCommittedInOrder() {
    interleaved(storage);
  }

  @Test
  void withSeveralBatchesInFlightTooInterleavedAppendsAreAllCommittedInOrder() {
    try (StorageFixture concurrent = StorageFixture.deploy(
        TestPostgres.storageConfig(AppendAcceptanceTest.class).put("batchesInFlight", 3))) {
      interleaved(concurrent);
    }
  }

  private static void interleaved(StorageFixture storage) {
    int docs = 40;
    int perDoc = 25;
    List<String> ids = new ArrayList<>();
    for (int d = 0; d < docs; d++) {
      ids.add(storage.createDoc("owner", "many " + d));
    }
    StorageStats before = storage.stats();
    List<Future<JsonObject>> acks = new ArrayList<>();
    for (int rev = 1; rev <= perDoc; rev++) {
      for (int d = 0; d < docs; d++) {
        acks.add(storage.append(ids.get(d), op(rev, "c" + d, rev)));
      }
    }
    await(Future.all(acks));
    StorageStats after = storage.stats();
    assertThat(after.appendedOps() - before.appendedOps()).isEqualTo((long) docs * perDoc);
    assertThat(after.conflicts() - before.conflicts()).isZero();
    for (int d = 0; d < docs; d++) {
      List<OpRecord> stored = OpsResult.fromJson(storage.call(Addresses.STORAGE_OPS_RANGE,
          new RangeRequest(ids.get(d), 0, null, RangeRequest.MAX_LIMIT).toJson())).ops();
      assertThat(stored).hasSize(perDoc);
      for (int rev = 1; rev <= perDoc; rev++) {
        assertThat(stored.get(rev - 1)).isEqualTo(op(rev, "c" + d, rev));
      }
    }
  }

  private static OpsResult range(String doc) {
    return OpsResult.fromJson(storage.call(Addresses.STORAGE_OPS_RANGE,
        new RangeRequest(doc, 0, null, RangeRequest.MAX_LIMIT).toJson()));
  }
}
