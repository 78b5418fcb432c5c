package io.verso.storage;

/** The contract suite against the in-memory op log. */
class MemoryOpLogContractTest extends OpLogContract {
  private final MemoryOpLogFixture memory = new MemoryOpLogFixture();

  @Override
  OpLogFixture fixture() {
    return memory;
  }
}
