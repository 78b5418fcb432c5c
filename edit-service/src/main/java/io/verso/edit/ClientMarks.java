package io.verso.edit;

import io.verso.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * Who each client id of a document belongs to, and the last seq it committed: the memory behind
 * exactly-once submits. A client id is bound to the user who first used it in the document, and a
 * submit by anyone else under it is refused (FORBIDDEN). Client ids are public (every op event
 * carries one), so without the binding a member could submit under a colleague's id with her next
 * seq: her real edit would come back as a duplicate and never be applied. Not thread-safe.
 */
final class ClientMarks {
  /** What the document knows of a submit's {@code (clientId, seq)}. */
  enum Seen {
    /** Never committed: sequence it. */
    NEW,
    /** The client's last committed op: its revision is {@link #lastRev}. */
    LAST,
    /** Older than the client's last committed op: storage knows its revision. */
    EARLIER
  }

  private final Map<String, DocStore.ClientMark> marks = new HashMap<>();

  void reset(Map<String, DocStore.ClientMark> loaded) {
    marks.clear();
    marks.putAll(loaded);
  }

  /**
   * Where {@code (clientId, seq)} stands; FORBIDDEN when the client id belongs to another user. The
   * check comes before any de-duplication, so an answer never crosses users.
   */
  Seen check(String clientId, String userId, long seq) {
    DocStore.ClientMark mark = marks.get(clientId);
    if (mark == null) {
      return Seen.NEW;
    }
    if (!mark.userId().equals(userId)) {
      throw ErrorCode.FORBIDDEN.exception("clientId " + clientId + " belongs to another user of this document");
    }
    if (seq > mark.seq()) {
      return Seen.NEW;
    }
    return seq == mark.seq() ? Seen.LAST : Seen.EARLIER;
  }

  long lastRev(String clientId) {
    return marks.get(clientId).rev();
  }

  /** Binds a client id to its user when its first op is sequenced (before the commit: a second user must wait for nothing). */
  void bind(String clientId, String userId) {
    marks.putIfAbsent(clientId, new DocStore.ClientMark(userId, 0, 0));
  }

  void committed(String clientId, String userId, long seq, long rev) {
    marks.put(clientId, new DocStore.ClientMark(userId, seq, rev));
  }
}
