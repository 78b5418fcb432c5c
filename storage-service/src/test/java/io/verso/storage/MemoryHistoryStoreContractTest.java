package io.verso.storage;

/** The history contract against the in-memory store over the in-memory op log. */
class MemoryHistoryStoreContractTest extends HistoryStoreContract {
  private final MemoryOpLogFixture memory = new MemoryOpLogFixture();
  private final MemoryHistoryStore store = new MemoryHistoryStore(memory.log);

  @Override
  OpLogFixture fixture() {
    return memory;
  }

  @Override
  HistoryStore store() {
    return store;
  }
}
