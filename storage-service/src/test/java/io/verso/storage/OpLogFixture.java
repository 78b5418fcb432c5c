package io.verso.storage;

import java.util.List;

/** What the contract suites run on: an op log, the way to create its documents, and its kept snapshots. */
interface OpLogFixture {
  /** The log under test. */
  OpLog log();

  /** Creates an empty document (head 0) in the implementation's store. */
  String createDocument(String title);

  /** The revisions of the snapshots the log keeps for {@code docId}, ascending. */
  List<Long> snapshotRevs(String docId);
}
