package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document list's content search in storage: a query finds the documents whose text has a word
 * beginning with each of its words (or whose title contains it), says which, never a stranger's or a
 * trashed document, takes no tsquery syntax from the user, indexes the largest allowed document, and
 * follows the latest snapshot.
 */
class ContentSearchStorageTest {
  private static StorageFixture storage;
  private static Pool sql;

  @BeforeAll
  static void deploy() {
    JsonObject config = TestPostgres.storageConfig(ContentSearchStorageTest.class);
    storage = StorageFixture.deploy(config);
    sql = PgBuilder.pool().connectingTo(config.getString("pg.uri")).using(storage.vertx).build();
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  static JsonArray content(String text) {
    return new JsonArray().add(new JsonObject().put("insert", text + "\n"));
  }

  /** A document of {@code owner} whose revision 1 (and its snapshot) holds {@code text}. */
  static String docWithText(StorageFixture storage, String owner, String title, String text) {
    String id = storage.createDoc(owner, title);
    await(storage.append(id, op(1, "c1", 1)));
    snapshot(storage, id, 1, content(text));
    return id;
  }

  static void snapshot(StorageFixture storage, String id, long rev, JsonArray content) {
    storage.call(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(id, rev, content, null).toJson());
  }

  /** What the list answers {@code user} for {@code query}: id → match, in the list's order. */
  static Map<String, String> search(StorageFixture storage, String user, String query, String filter) {
    JsonObject req = new JsonObject().put("userId", user).put("query", query);
    if (filter != null) {
      req.put("filter", filter);
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (DocSummary d : DocSummary.listFromJson(storage.call(Addresses.STORAGE_DOC_LIST, req))) {
      found.put(d.id(), d.match());
    }
    return found;
  }

  private static Map<String, String> search(String user, String query) {
    return search(storage, user, query, null);
  }

  @Test
  void aQueryFindsTheTextByWordPrefixesAllOfThemAndSaysWhere() {
    String plan = docWithText(storage, "ann", "Quarterly plan", "The Zanzibar budget figures for 2027, déjà vu. Привет, мир!");
    String trip = docWithText(storage, "ann", "Zanzibar trip", "Packing list");

    assertThat(search("ann", "zanz")).containsExactly(Map.entry(trip, "title"), Map.entry(plan, "text"));
    assertThat(search("ann", "ZANZ budg")).as("every word, any case").containsExactly(Map.entry(plan, "text"));
    assertThat(search("ann", "zanz packing")).as("words of the title are not words of the text").isEmpty();
    assertThat(search("ann", "DÉJÀ 2027")).containsExactly(Map.entry(plan, "text"));
    assertThat(search("ann", "пРИВ мир")).containsExactly(Map.entry(plan, "text"));
    assertThat(search("ann", "udget")).as("a prefix, not any part").isEmpty();
    assertThat(search("ann", "budget zzz")).as("all words, not any").isEmpty();
    assertThat(search("ann", "plan")).containsExactly(Map.entry(plan, "title"));
    assertThat(search(storage, "ann", "pack", "mine")).containsExactly(Map.entry(trip, "text"));
    assertThat(search(storage, "ann", "pack", "shared")).isEmpty();
    assertThat(DocSummary.listFromJson(storage.call(Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "ann"))))
        .as("no query: no match said").allSatisfy(d -> assertThat(d.match()).isNull());
  }

  @Test
  void aStrangersOrATrashedDocumentIsNeverFound() {
    String secret = docWithText(storage, "bea", "Bea's", "quetzalcoatl feathers");
    String mine = docWithText(storage, "cal", "Cal's", "quetzalcoatl notes");
    assertThat(search("cal", "quetzal")).containsOnlyKeys(mine);
    assertThat(search("bea", "quetzal")).containsOnlyKeys(secret);

    storage.call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(secret, "cal", Role.VIEWER).toJson());
    assertThat(search("cal", "quetzal feath")).containsExactly(Map.entry(secret, "text"));
    assertThat(search(storage, "cal", "quetzal", "shared")).containsOnlyKeys(secret);

    storage.call(Addresses.STORAGE_DOC_TRASH, new MemberRequest(secret, "bea", null).toJson());
    assertThat(search("cal", "quetzal")).containsOnlyKeys(mine);
    assertThat(search("bea", "quetzal")).as("not even its owner's list").isEmpty();
    storage.call(Addresses.STORAGE_DOC_RESTORE, new JsonObject().put("docId", secret));
    assertThat(search("bea", "quetzal")).containsOnlyKeys(secret);
  }

  @Test
  void tsquerySyntaxInTheQueryIsOnlyText() {
    String doc = docWithText(storage, "dee", "It's done", "budget figures, draft");
    for (String q : List.of("!budget", "budget:*", "budget:A", "(budget)", "'budget'", "budget & figures",
        "budget | figures", "budget <-> figures", "\\budget", "budget\\", "'budget' & !'x'", "bu'dget", "budget:*B")) {
      boolean wordMissing = q.contains("bu'dget") || q.contains(":A") || q.contains("'x'"); // dget, a, x
      assertThat(search("dee", q)).as(q).isEqualTo(wordMissing ? Map.of() : Map.of(doc, "text"));
    }
    assertThat(search("dee", "zzz | budget")).as("| is not OR").isEmpty();
    assertThat(search("dee", "it's")).as("a quote in a title search").containsExactly(Map.entry(doc, "title"));
    assertThat(search("dee", "'")).containsExactly(Map.entry(doc, "title"));
    for (String q : List.of("\\", "&", "|", "!", ":*", "()", "' OR 1=1 --", "''''", "\\'", "<->")) {
      assertThat(search("dee", q)).as(q).isEmpty();
    }
  }

  @Test
  void theIndexFollowsLaterSnapshotsAndNeverGoesBackToAnOlderRev() {
    String id = storage.createDoc("eve", "Versions");
    await(storage.append(id, op(1, "c1", 1), op(2, "c1", 2), op(3, "c1", 3)));
    assertThat(search("eve", "alpha")).as("nothing indexed before a snapshot").isEmpty();
    snapshot(storage, id, 1, content("alpha"));
    assertThat(search("eve", "alpha")).containsOnlyKeys(id);
    snapshot(storage, id, 3, content("gamma"));
    assertThat(search("eve", "gamma")).containsOnlyKeys(id);
    assertThat(search("eve", "alpha")).isEmpty();
    snapshot(storage, id, 2, content("beta")); // a late save of an older revision
    assertThat(search("eve", "beta")).isEmpty();
    assertThat(search("eve", "gamma")).containsOnlyKeys(id);
    snapshot(storage, id, 3, content("delta")); // the same rev again: idempotent, the first one stays
    assertThat(search("eve", "gamma")).containsOnlyKeys(id);
  }

  @Test
  void embedsSeparateWordsAndAreNotText() {
    String id = storage.createDoc("fay", "Pictures");
    await(storage.append(id, op(1, "c1", 1)));
    snapshot(storage, id, 1, new JsonArray().add(new JsonObject().put("insert", "sun"))
        .add(new JsonObject().put("insert", new JsonObject().put("image", "/api/docs/x/images/flower")))
        .add(new JsonObject().put("insert", "set\n").put("attributes", new JsonObject().put("bold", true))));
    assertThat(search("fay", "sun set")).containsOnlyKeys(id);
    assertThat(search("fay", "sunset")).isEmpty();
    assertThat(search("fay", "flower")).isEmpty();
    assertThat(search("fay", "image")).isEmpty();
  }

  @Test
  void aQueryOfMoreThanTenWordsIsRefusedTenOneLetterWordsAnswer() {
    String id = docWithText(storage, "gus", "Letters", "a b c d e f g h i j");
    assertThat(search("gus", "A B C D E F G H I J")).containsOnlyKeys(id);
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_DOC_LIST,
        new JsonObject().put("userId", "gus").put("query", "a b c d e f g h i j k"));
  }

  /** The largest document edit-service allows (edit.maxDocChars), every word distinct: indexed, without error. */
  @Test
  void theLargestAllowedDocumentIndexesWithoutError() {
    int maxDocChars = 4 * 1024 * 1024;
    StringBuilder text = new StringBuilder(maxDocChars);
    List<String> words = new ArrayList<>();
    for (int i = 0; text.length() + 8 < maxDocChars; i++) {
      String w = word(i);
      words.add(w);
      text.append(w).append(' ');
    }
    String id = storage.createDoc("hal", "Huge");
    await(storage.append(id, op(1, "c1", 1)));
    long start = System.nanoTime();
    snapshot(storage, id, 1, content(text.toString())); // 4 Mi characters - 1 with the final newline
    long savedMs = (System.nanoTime() - start) / 1_000_000;
    Row row = await(sql.preparedQuery("SELECT length(words) AS lexemes, pg_column_size(words) AS bytes FROM doc_search "
        + "WHERE doc_id = $1").execute(Tuple.of(id))).iterator().next();
    int indexed = row.getInteger("lexemes");
    System.out.printf("largest document: %,d characters, %,d distinct words, %,d indexed (%,d bytes stored), "
        + "snapshot saved in %d ms%n", text.length() + 1, words.size(), indexed, row.getInteger("bytes"), savedMs);
    assertThat(words.size()).isGreaterThan(indexed);
    assertThat(indexed).isEqualTo(SearchText.MAX_BYTES / 7); // 7-letter words, first appearance order
    assertThat(search("hal", words.get(0))).containsOnlyKeys(id);
    assertThat(search("hal", words.get(indexed - 1))).containsOnlyKeys(id);
    assertThat(search("hal", words.get(indexed))).as("past the index's size: not indexed").isEmpty();
  }

  /** The i-th 7-letter word: i in base 26, letters only. */
  private static String word(int i) {
    char[] w = new char[7];
    for (int k = 6; k >= 0; k--) {
      w[k] = (char) ('a' + i % 26);
      i /= 26;
    }
    return new String(w);
  }
}
