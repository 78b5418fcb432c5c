package io.verso.storage;

/** The image storage contract in memory, over the in-memory op log's documents. */
class MemoryBlobStoreContractTest extends BlobStoreContract {
  private final MemoryOpLogFixture memory = new MemoryOpLogFixture();
  private final MemoryBlobStore store = new MemoryBlobStore(memory.log);

  @Override
  OpLogFixture fixture() {
    return memory;
  }

  @Override
  BlobStore store() {
    return store;
  }
}
