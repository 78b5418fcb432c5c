package io.verso.storage;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract suite against PostgreSQL (group commit on). */
class PgOpLogContractTest extends OpLogContract {
  @RegisterExtension
  static final PgOpLogFixture pg = new PgOpLogFixture();

  @Override
  OpLogFixture fixture() {
    return pg;
  }
}
