package io.verso.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract suite against PostgreSQL (group commit on). */
class PgOpLogContractTest extends OpLogContract {
  private static PgOpLogFixture pg;

  @BeforeAll
  static void setUp() {
    pg = PgOpLogFixture.start();
  }

  @AfterAll
  static void tearDown() {
    pg.close();
  }

  @Override
  OpLogFixture fixture() {
    return pg;
  }
}
