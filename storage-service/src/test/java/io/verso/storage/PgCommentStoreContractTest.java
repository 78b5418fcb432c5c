package io.verso.storage;

import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The comment storage contract against PostgreSQL, plus what only the schema can show. */
class PgCommentStoreContractTest extends CommentStoreContract {
  @RegisterExtension
  static final PgOpLogFixture pg = new PgOpLogFixture();
  private static PgCommentStore store;

  @BeforeAll
  static void setUp() {
    store = new PgCommentStore(pg.db);
  }

  @Override
  OpLogFixture fixture() {
    return pg;
  }

  @Override
  CommentStore store() {
    return store;
  }

  private static long count(String table, String doc) {
    return await(pg.db.run(c -> c.preparedQuery("SELECT count(*) FROM " + table + " WHERE doc_id = $1")
        .execute(Tuple.of(doc)).map(rows -> rows.iterator().next().getLong(0))));
  }

  @Test
  void deletingADocumentDeletesItsThreadsAndComments() {
    String doc = doc();
    String kept = doc();
    await(store.createThread(doc, thread("g1", 0, 0, 1, comment("g10", "ann", "one", TS), comment("g11", "bob", "b", TS))));
    await(store.createThread(doc, thread("g2", 0, 0, 1, comment("g20", "ann", "two", TS))));
    await(store.createThread(kept, thread("g1", 0, 0, 1, comment("g10", "ann", "kept", TS))));
    assertThat(count("comments", doc)).isEqualTo(3);
    await(pg.docs.delete(doc));
    assertThat(count("comment_threads", doc)).isZero();
    assertThat(count("comments", doc)).isZero();
    assertThat(count("comments", kept)).isEqualTo(1);
  }

  @Test
  void deletingAThreadDeletesItsCommentRows() {
    String doc = doc();
    await(store.createThread(doc, thread("h1", 0, 0, 1, comment("h10", "ann", "one", TS), comment("h11", "bob", "b", TS))));
    await(store.deleteThread(doc, id("h1")));
    assertThat(count("comments", doc)).isZero();
  }
}
