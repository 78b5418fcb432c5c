package io.verso.storage;

/** The comment storage contract in memory, over the in-memory op log's documents. */
class MemoryCommentStoreContractTest extends CommentStoreContract {
  private final MemoryOpLogFixture memory = new MemoryOpLogFixture();
  private final MemoryCommentStore store = new MemoryCommentStore(memory.log);

  @Override
  OpLogFixture fixture() {
    return memory;
  }

  @Override
  CommentStore store() {
    return store;
  }
}
