package io.verso.storage;

import io.verso.protocol.storage.LoadResult;
import java.util.List;

/** The contract suite against the in-memory op log. */
class MemoryOpLogContractTest extends OpLogContract {
  private final MemoryOpLog log = new MemoryOpLog(3);

  @Override
  OpLog log() {
    return log;
  }

  @Override
  String createDocument(String title) {
    return log.createDocument(title);
  }

  @Override
  List<Long> snapshotRevs(String docId) {
    return log.snapshotRevs(docId);
  }
}
