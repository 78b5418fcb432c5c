package io.verso.storage;

/** The history contract against the in-memory store over the in-memory op log. */
class MemoryHistoryStoreContractTest extends HistoryStoreContract {
  private final MemoryOpLog log = new MemoryOpLog(3);
  private final MemoryHistoryStore store = new MemoryHistoryStore(log);

  @Override
  HistoryStore store() {
    return store;
  }

  @Override
  OpLog log() {
    return log;
  }

  @Override
  String createDocument(String title) {
    return log.createDocument(title);
  }
}
