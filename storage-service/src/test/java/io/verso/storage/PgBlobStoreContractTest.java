package io.verso.storage;

import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image storage contract against PostgreSQL, plus what only the schema can show. */
class PgBlobStoreContractTest extends BlobStoreContract {
  @RegisterExtension
  static final PgOpLogFixture pg = new PgOpLogFixture();
  private static PgBlobStore store;

  @BeforeAll
  static void setUp() {
    store = new PgBlobStore(pg.db);
  }

  @Override
  OpLogFixture fixture() {
    return pg;
  }

  @Override
  BlobStore store() {
    return store;
  }

  private static long count(String doc) {
    return await(pg.db.run(c -> c.preparedQuery("SELECT count(*) FROM images WHERE doc_id = $1")
        .execute(Tuple.of(doc)).map(rows -> rows.iterator().next().getLong(0))));
  }

  @Test
  void deletingADocumentDeletesItsImages() {
    String doc = doc();
    String kept = doc();
    await(store.put(image(doc, imageId(), bytes("one"), 10, 1000)));
    await(store.put(image(doc, imageId(), bytes("two"), 10, 1000)));
    await(store.put(image(kept, imageId(), bytes("kept"), 10, 1000)));
    assertThat(count(doc)).isEqualTo(2);
    await(pg.docs.delete(doc));
    assertThat(count(doc)).isZero();
    assertThat(count(kept)).isEqualTo(1);
  }
}
