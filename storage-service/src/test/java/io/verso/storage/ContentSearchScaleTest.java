package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.storage.SearchWords;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search's cost where it matters: a user with many documents ({@code u}: a tenth of them) and
 * one with 20 ({@code s}) among all, each of about 300 words drawn (skewed, as in prose) from a
 * vocabulary of 20,000. Each query's answer is checked against the index read directly, and its plan
 * (EXPLAIN ANALYZE, with the list's own statement and arguments) must probe the index per document of
 * the user, never read every document's words: that is what keeps a search's cost the user's, not the
 * installation's. The plan and the median time through the event bus are printed; docs/BENCHMARKS.md
 * has them at {@code -Dverso.searchScaleDocs=20000} (default 4,000 to keep the suite quick).
 */
class ContentSearchScaleTest {
  private static final int ALL_DOCS = Integer.getInteger("verso.searchScaleDocs", 4_000);
  private static final int USER_DOCS = ALL_DOCS / 10;
  private static final int SMALL_USER_DOCS = 20;
  private static StorageFixture storage;
  private static Pool sql;

  @BeforeAll
  static void fill() {
    JsonObject config = TestPostgres.storageConfig(ContentSearchScaleTest.class);
    storage = StorageFixture.deploy(config);
    sql = PgBuilder.pool().connectingTo(config.getString("pg.uri")).using(storage.vertx).build();
    long start = System.nanoTime();
    await(sql.query("INSERT INTO documents (id, title, owner_id, head_rev) SELECT 'd' || i, 'Document ' || i, "
        + "CASE WHEN i <= " + USER_DOCS + " THEN 'u' WHEN i <= " + (USER_DOCS + SMALL_USER_DOCS) + " THEN 's' "
        + "ELSE 'o' || (i % 500) END, 1 FROM generate_series(1, " + ALL_DOCS + ") i")
        .execute());
    await(sql.query("INSERT INTO members (doc_id, user_id, role) SELECT id, owner_id, 'owner' FROM documents").execute());
    // word w of the vocabulary: 3..9 letters of g..v; a document draws 300 of them, low w far more often
    await(sql.query("INSERT INTO doc_search (doc_id, rev, words) SELECT 'd' || i, 1, array_to_tsvector(ARRAY("
        + "SELECT DISTINCT translate(substr(md5(w::text), 1, 3 + w % 7), '0123456789abcdef', 'ghijklmnopqrstuv') "
        + "FROM (SELECT floor(20000 * random() ^ 3)::int + i * 0 AS w FROM generate_series(1, 300)) v)) "
        + "FROM generate_series(1, " + ALL_DOCS + ") i").execute());
    await(sql.query("ANALYZE").execute());
    System.out.printf("filled %,d documents (%,d of the user) in %d ms%n", ALL_DOCS, USER_DOCS,
        (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @Test
  void searchesProbeTheUsersOwnDocumentsAnswerAsTheIndexSays() {
    String rare = await(sql.query("SELECT translate(substr(md5('15000'), 1, 3 + 15000 % 7), '0123456789abcdef', "
        + "'ghijklmnopqrstuv')").execute()).iterator().next().getString(0);
    for (String user : List.of("u", "s")) {
      for (String q : List.of(rare, rare.substring(0, 3), "g", "g h i j k l m n o p", "Document 1999", "zzz")) {
        search(user, q);
      }
    }
  }

  private static void search(String user, String q) {
    List<String> words = SearchWords.of(q);
    long expected = await(sql.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM members m JOIN documents d ON d.id = m.doc_id "
        + "LEFT JOIN doc_search s ON s.doc_id = d.id WHERE m.user_id = $3 AND (d.title ILIKE $1 "
        + "OR s.words @@ $2::text::tsquery) LIMIT 1000) x")
        .execute(Tuple.of("%" + q + "%", SearchWords.prefixQuery(words), user))).iterator().next().getLong(0);
    int found = ContentSearchStorageTest.search(storage, user, q, null).size();
    assertThat(found).as(user + ": " + q).isEqualTo(expected);

    long[] ms = new long[15];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      ContentSearchStorageTest.search(storage, user, q, null);
      ms[i] = (System.nanoTime() - t) / 100_000; // tenths of a ms
    }
    Arrays.sort(ms);
    StringBuilder plan = new StringBuilder();
    for (Row r : await(sql.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) " + Sql.SEARCH_DOCS).execute(Tuple.of(user,
        "%" + q + "%", new String[] {"owner", "editor", "commenter", "viewer"}, 1000, SearchWords.prefixQuery(words))))) {
      plan.append("    ").append(r.getString(0)).append('\n');
    }
    System.out.printf("user %s, query «%s»: %d found, median %.1f ms through the bus (min %.1f, max %.1f)%n%s", user, q,
        found, ms[ms.length / 2] / 10.0, ms[0] / 10.0, ms[ms.length - 1] / 10.0, plan);
    assertThat(plan.toString()).as("%s: %s", user, q)
        .doesNotContain("Seq Scan on doc_search").doesNotContain("Bitmap Heap Scan on doc_search")
        .contains("Index Scan using doc_search_pkey on doc_search s");
  }
}
