package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;

/** The failures of an append, shared by every {@link OpLog} implementation. */
final class AppendFailures {
  private AppendFailures() {}

  static VersoException duplicate(long originalRev) {
    return new VersoException(ErrorCode.DUPLICATE, "rev=" + originalRev);
  }

  static VersoException conflict(String docId, long firstRev) {
    return new VersoException(ErrorCode.CONFLICT, "rev " + firstRev + " of " + docId + " is not the next revision");
  }

  static VersoException noDocument(String docId) {
    return new VersoException(ErrorCode.NOT_FOUND, "no document " + docId);
  }
}
