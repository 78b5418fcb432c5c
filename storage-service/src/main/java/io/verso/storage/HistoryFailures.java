package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;

/** The failures of version history, shared by every {@link HistoryStore}. */
final class HistoryFailures {
  private HistoryFailures() {}

  static VersoException pastHead(String docId, long rev, long head) {
    return new VersoException(ErrorCode.NOT_FOUND, "no revision " + rev + " in " + docId + " (head " + head + ")");
  }

  static VersoException noVersion(String docId, long rev) {
    return new VersoException(ErrorCode.NOT_FOUND, "revision " + rev + " of " + docId + " has no name");
  }
}
