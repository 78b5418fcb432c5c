package io.verso.storage;

import java.util.List;

/** The in-memory op log (snapshot every 3 revisions) as the contract suites use it. */
final class MemoryOpLogFixture implements OpLogFixture {
  final MemoryOpLog log = new MemoryOpLog(3);

  @Override
  public OpLog log() {
    return log;
  }

  @Override
  public String createDocument(String title) {
    return log.createDocument(title);
  }

  @Override
  public List<Long> snapshotRevs(String docId) {
    return log.snapshotRevs(docId);
  }
}
