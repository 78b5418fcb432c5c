package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.HistoryMeta;
import io.verso.protocol.storage.NamedVersions;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotAt;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The version history addresses of the storage-service on the event bus, on real PostgreSQL. */
class HistoryApiTest {
  private static StorageFixture storage;
  private static String doc;

  private static JsonObject config;

  @BeforeAll
  static void deploy() {
    config = TestPostgres.storageConfig(HistoryApiTest.class);
    storage = StorageFixture.deploy(config);
    doc = storage.createDoc("alice", "History");
    await(storage.append(doc, op(1, "c", 1), op(2, "c", 2), op(3, "c", 3)));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private static JsonObject req(Object... kv) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      json.put((String) kv[i], kv[i + 1]);
    }
    return json;
  }

  private static JsonObject put(long rev, String name) {
    return put(doc, rev, name);
  }

  private static JsonObject put(String docId, long rev, String name) {
    return req("docId", docId, "rev", rev, "name", name, "userId", "alice");
  }

  /** A snapshot past a block edge warms that block of history, so the first page after it is no cold read. */
  @Test
  void aSnapshotWarmsTheNewestCompleteBlockOfHistory() throws InterruptedException {
    String warm = storage.createDoc("alice", "Warm");
    OpRecord[] ops = new OpRecord[1_100];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = op(i + 1, "c", i + 1);
    }
    await(storage.append(warm, ops));
    Db db = new Db(storage.vertx, StorageConfig.from(config));
    try {
      assertThat(blocks(db, warm)).isZero();
      JsonArray content = new JsonArray().add(new JsonObject().put("insert", "x\n"));
      storage.call(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(warm, 1_100, content).toJson());
      long deadline = System.nanoTime() + 10_000_000_000L; // warmed after the reply, off its path
      while (blocks(db, warm) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(blocks(db, warm)).isEqualTo(1);
    } finally {
      await(db.close());
    }
  }

  private static long blocks(Db db, String docId) {
    return await(db.run(c -> c.preparedQuery("SELECT count(*) FROM history_blocks WHERE doc_id = $1 AND block = 0")
        .execute(io.vertx.sqlclient.Tuple.of(docId)).map(rows -> rows.iterator().next().getLong(0))));
  }

  @Test
  void historyRoundTripThroughTheBus() {
    assertThat(storage.call(Addresses.STORAGE_VERSION_PUT, put(2, "Sent to legal")))
        .isEqualTo(req("rev", 2L, "name", "Sent to legal"));
    HistoryMeta meta = HistoryMeta.fromJson(
        storage.call(Addresses.STORAGE_HISTORY_META, req("docId", doc, "before", 4, "limit", 10)));
    assertThat(meta.ops()).extracting(HistoryMeta.Entry::rev).containsExactly(3L, 2L, 1L);
    assertThat(meta.ops().get(1).name()).isEqualTo("Sent to legal");
    assertThat(meta.ops().get(0).userId()).isEqualTo("user-c");
    HistoryEntries entries = HistoryEntries.fromJson(
        storage.call(Addresses.STORAGE_HISTORY_ENTRIES, req("docId", doc, "before", 4, "limit", 10)));
    assertThat(entries.entries()).extracting(e -> e.fromRev() + ".." + e.toRev() + " " + e.name())
        .containsExactly("3..3 null", "1..2 Sent to legal"); // a named revision ends its entry
    assertThat(entries.entries().get(0).authors()).containsExactly("user-c");
    assertThat(entries.more()).isFalse();
    NamedVersions list = NamedVersions.fromJson(
        storage.call(Addresses.STORAGE_VERSION_LIST, req("docId", doc, "before", 10, "limit", 100)));
    assertThat(list.versions()).containsExactly(new NamedVersions.Version(2, "Sent to legal", "alice", 1_700_000_000_002L));
    assertThat(storage.call(Addresses.STORAGE_VERSION_DELETE, req("docId", doc, "rev", 2))).isEqualTo(new JsonObject());

    JsonArray content = new JsonArray().add(new JsonObject().put("insert", "ab\n"));
    storage.call(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(doc, 2, content).toJson());
    assertThat(SnapshotAt.fromJson(storage.call(Addresses.STORAGE_SNAPSHOT_AT, req("docId", doc, "rev", 3))))
        .isEqualTo(new SnapshotAt(2, content));
    JsonObject none = storage.call(Addresses.STORAGE_SNAPSHOT_AT, req("docId", doc, "rev", 1));
    assertThat(none).isEqualTo(new JsonObject().put("rev", 0L).putNull("content"));
  }

  @Test
  void unknownDocumentsAndRevisionsPastTheHeadAreNotFound() {
    String missing = "nope";
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_HISTORY_META, req("docId", missing, "before", 5, "limit", 5));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_HISTORY_ENTRIES, req("docId", missing, "before", 5, "limit", 5));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_SNAPSHOT_AT, req("docId", missing, "rev", 0));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_VERSION_LIST, req("docId", missing, "before", 5, "limit", 5));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_VERSION_DELETE, req("docId", missing, "rev", 1));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_VERSION_PUT,
        req("docId", missing, "rev", 1, "name", "n", "userId", "u"));
    assertThat(storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_VERSION_PUT, put(4, "Future")))
        .contains("no revision 4");
    assertThat(storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_SNAPSHOT_AT, req("docId", doc, "rev", 4)))
        .contains("no revision 4");
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_VERSION_DELETE, req("docId", doc, "rev", 3));
  }

  @Test
  void namesAreCheckedNeverRewritten() {
    String named = storage.createDoc("alice", "Names");
    await(storage.append(named, op(1, "c", 1)));
    assertThat(storage.call(Addresses.STORAGE_VERSION_PUT, put(named, 1, "n".repeat(100))).getString("name"))
        .hasSize(100);
    assertThat(storage.call(Addresses.STORAGE_VERSION_PUT, put(named, 1, " \uD83D\uDCDD ")).getString("name"))
        .isEqualTo(" \uD83D\uDCDD ");
    String[][] bad = {{"n".repeat(101), "name is longer than 100 characters"}, {"", "name must not be empty"},
        {"a\u0000b", "name must not contain a NUL character"},
        {"a\uD83Db", "name must not contain a lone UTF-16 surrogate"},
        {"\uDCDD", "name must not contain a lone UTF-16 surrogate"},
        {"ends with a high \uD83D", "name must not contain a lone UTF-16 surrogate"}};
    for (String[] b : bad) {
      assertThat(storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_VERSION_PUT, put(named, 1, b[0])))
          .isEqualTo(b[1]);
    }
    assertThat(NamedVersions.fromJson(storage.call(Addresses.STORAGE_VERSION_LIST,
        req("docId", named, "before", 2, "limit", 1))).versions().get(0).name()).isEqualTo(" \uD83D\uDCDD ");
  }

  @Test
  void everyBadFieldIsABadRequestNamingIt() {
    JsonObject meta = req("docId", doc, "before", 4, "limit", 10);
    JsonObject at = req("docId", doc, "rev", 1);
    JsonObject list = req("docId", doc, "before", 4, "limit", 10);
    JsonObject entries = req("docId", doc, "before", 4, "limit", 10, "gapMs", 1000);
    Object[][] cases = {
        {Addresses.STORAGE_HISTORY_META, meta, "docId", "bad id!", "docId is not a valid document id"},
        {Addresses.STORAGE_HISTORY_META, meta, "docId", null, "docId is required"},
        {Addresses.STORAGE_HISTORY_META, meta, "before", 0, "before is out of range"},
        {Addresses.STORAGE_HISTORY_META, meta, "before", null, "before is required"},
        {Addresses.STORAGE_HISTORY_META, meta, "before", 1.5, "before must be an integer"},
        {Addresses.STORAGE_HISTORY_META, meta, "limit", 0, "limit is out of range"},
        {Addresses.STORAGE_HISTORY_META, meta, "limit", 4097, "limit is out of range"},
        {Addresses.STORAGE_HISTORY_META, meta, "limit", "10", "limit must be an integer"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "docId", "bad id!", "docId is not a valid document id"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "before", 0, "before is out of range"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "limit", 0, "limit is out of range"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "limit", 101, "limit is out of range"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "gapMs", 0, "gapMs is out of range"},
        {Addresses.STORAGE_HISTORY_ENTRIES, entries, "gapMs", "5", "gapMs must be an integer"},
        {Addresses.STORAGE_SNAPSHOT_AT, at, "rev", -1, "rev is out of range"},
        {Addresses.STORAGE_SNAPSHOT_AT, at, "rev", null, "rev is required"},
        {Addresses.STORAGE_SNAPSHOT_AT, at, "docId", 7, "docId must be a string"},
        {Addresses.STORAGE_VERSION_DELETE, at, "rev", 0, "rev is out of range"},
        {Addresses.STORAGE_VERSION_LIST, list, "limit", 101, "limit is out of range"},
        {Addresses.STORAGE_VERSION_LIST, list, "limit", null, "limit is required"},
        {Addresses.STORAGE_VERSION_LIST, list, "before", -3, "before is out of range"},
        {Addresses.STORAGE_VERSION_PUT, put(1, "n"), "rev", 0, "rev is out of range"},
        {Addresses.STORAGE_VERSION_PUT, put(1, "n"), "name", 5, "name must be a string"},
        {Addresses.STORAGE_VERSION_PUT, put(1, "n"), "name", null, "name is required"},
        {Addresses.STORAGE_VERSION_PUT, put(1, "n"), "userId", null, "userId is required"},
        {Addresses.STORAGE_VERSION_PUT, put(1, "n"), "userId", "u".repeat(129), "userId is longer than 128 characters"},
    };
    for (Object[] c : cases) {
      UnaryOperator<JsonObject> with = j -> c[3] == null ? j.copy().putNull((String) c[2]) : j.copy().put((String) c[2], c[3]);
      assertThat(storage.failure(ErrorCode.BAD_REQUEST, (String) c[0], with.apply((JsonObject) c[1])))
          .as("%s %s=%s", c[0], c[2], c[3]).startsWith((String) c[4]);
    }
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_HISTORY_META, "not an object");
  }
}
