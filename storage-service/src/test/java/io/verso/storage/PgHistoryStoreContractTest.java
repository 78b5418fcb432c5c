package io.verso.storage;

import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.HistorySessions;
import io.verso.protocol.storage.HistoryEntries;
import io.verso.protocol.storage.VersionPutRequest;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history contract against PostgreSQL, plus what only the schema can show. */
class PgHistoryStoreContractTest extends HistoryStoreContract {
  @RegisterExtension
  static final PgOpLogFixture pg = new PgOpLogFixture();
  private static Db db;
  private static PgHistoryStore store;

  @BeforeAll
  static void setUp() {
    db = pg.db;
    store = new PgHistoryStore(db);
  }

  @Override
  OpLogFixture fixture() {
    return pg;
  }

  @Override
  HistoryStore store() {
    return store;
  }

  @Override
  void dropCache() {
    await(db.run(c -> c.query("DELETE FROM history_blocks").execute()));
  }

  /** The cached blocks of a document and their gaps, "block:gap" ascending. */
  private static List<String> cached(String doc) {
    return await(db.run(c -> c.preparedQuery("SELECT block, gap_ms FROM history_blocks WHERE doc_id = $1 ORDER BY block")
        .execute(Tuple.of(doc)).map(rows -> {
          List<String> out = new ArrayList<>();
          for (Row row : rows) {
            out.add(row.getLong(0) + ":" + row.getLong(1));
          }
          return out;
        })));
  }

  @Test
  void completeBlocksAreCachedOnFirstReadAndNamingDropsItsBlock() {
    Model m = new Model();
    m.append(new Random(3), 3_500, 3, "user-");
    assertThat(cached(m.doc)).isEmpty();
    assertThat(m.page(Long.MAX_VALUE, 100, GAP)).isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512));
    assertThat(cached(m.doc)).containsExactly("0:" + GAP, "1:" + GAP, "2:" + GAP); // block 3 is not complete
    m.name(1_500, "Mid");
    assertThat(cached(m.doc)).containsExactly("0:" + GAP, "2:" + GAP);
    assertThat(m.page(Long.MAX_VALUE, 100, GAP)).isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512));
    m.unname(1_500);
    m.name(3_000, "Block end");
    assertThat(cached(m.doc)).containsExactly("0:" + GAP);
    assertThat(m.page(Long.MAX_VALUE, 100, 60_000)).isEqualTo(m.expected(Long.MAX_VALUE, 100, 60_000, 512));
    assertThat(cached(m.doc)).containsExactly("0:60000", "1:60000", "2:60000"); // another gap: recomputed
  }

  /** A warm page reads complete blocks from the cache, not from the op log (tampered here to tell). */
  @Test
  void aWarmPageReadsCompleteBlocksFromTheCache() {
    Model m = new Model();
    m.append(new Random(6), 2_500, 2, "user-");
    m.name(400, "Named");
    m.page(Long.MAX_VALUE, 100, GAP);
    await(db.run(c -> c.preparedQuery("UPDATE history_blocks SET entries = jsonb_set(entries, '{0,authors}', "
        + "'[\"cached\"]') WHERE doc_id = $1 AND block = 0").execute(Tuple.of(m.doc))));
    HistoryEntries page = m.page(Long.MAX_VALUE, 100, GAP);
    List<HistorySessions.Entry> block0 = page.entries().stream().filter(e -> e.toRev() <= 1_000).toList();
    assertThat(block0.get(0).authors()).containsExactly("cached");
    assertThat(page.entries().stream().filter(e -> e.toRev() > 1_000).toList())
        .isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512).entries().stream().filter(e -> e.toRev() > 1_000).toList());
  }

  /** A page that grouped a block just before a name changed stores it stale: readers must not use it. */
  @Test
  void aBlockCachedBeforeANameChangedIsNotUsed() {
    Model m = new Model();
    m.append(new Random(4), 2_000, 2, "user-");
    m.page(Long.MAX_VALUE, 100, GAP);
    // the name lands without dropping the block's row, as when the row is stored after the naming commits
    await(db.run(c -> c.preparedQuery("INSERT INTO versions (doc_id, rev, name, user_id) VALUES ($1, 700, 'Late', 'x')")
        .execute(Tuple.of(m.doc))));
    m.names.put(700L, "Late");
    assertThat(cached(m.doc)).hasSize(2);
    HistoryEntries page = m.page(Long.MAX_VALUE, 100, GAP);
    assertThat(page).isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512));
    assertThat(page.entries()).anyMatch(e -> e.toRev() == 700 && "Late".equals(e.name()));
  }

  /** What storage does after each snapshot: the newest complete block is cached before any page asks. */
  @Test
  void warmingCachesTheNewestCompleteBlockOnly() {
    Model m = new Model();
    m.append(new Random(9), 2_500, 3, "user-");
    await(store.warm(m.doc, 999));
    assertThat(cached(m.doc)).isEmpty(); // no block complete below rev 1000
    await(store.warm(m.doc, 2_400));
    assertThat(cached(m.doc)).containsExactly("1:" + GAP);
    await(store.warm(m.doc, 2_000));
    assertThat(cached(m.doc)).containsExactly("1:" + GAP); // cached already: nothing regrouped
    assertThat(m.page(Long.MAX_VALUE, 100, GAP)).isEqualTo(m.expected(Long.MAX_VALUE, 100, GAP, 512));
  }

  @Test
  void deletingADocumentDeletesItsVersions() {
    String doc = docWithOps(2);
    await(store.putVersion(new VersionPutRequest(doc, 1, "One", "alice")));
    await(pg.docs.delete(doc));
    long left = await(db.run(c -> c.preparedQuery("SELECT count(*) FROM versions WHERE doc_id = $1")
        .execute(Tuple.of(doc)).map(rows -> rows.iterator().next().getLong(0))));
    assertThat(left).isZero();
  }
}
