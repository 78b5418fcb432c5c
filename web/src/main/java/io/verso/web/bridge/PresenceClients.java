package io.verso.web.bridge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The presence client ids one socket speaks for, per document: when the socket closes, presence is
 * told each of them left (a closed tab sends no {@code leave} of its own). Bounded, so that one socket
 * cannot fill presence with made-up clients. Used from the web verticle's context only.
 */
final class PresenceClients {
  /** Presence client ids one socket may use. */
  static final int MAX = 16;

  private final Map<String, Set<String>> byDoc = new HashMap<>();
  private int count;

  /**
   * The socket speaks for {@code clientId} on a document. False (nothing remembered) when it is a new
   * one and the socket already speaks for {@link #MAX}.
   */
  boolean use(String docId, String clientId) {
    Set<String> mine = byDoc.get(docId);
    if (mine != null && mine.contains(clientId)) {
      return true;
    }
    if (count >= MAX) {
      return false;
    }
    byDoc.computeIfAbsent(docId, d -> new HashSet<>()).add(clientId);
    count++;
    return true;
  }

  /** The client left the document itself: it is not left again on close. */
  void left(String docId, String clientId) {
    Set<String> mine = byDoc.get(docId);
    if (mine != null && mine.remove(clientId)) {
      count--;
    }
  }

  /** Hands every (document, client id) still in use to {@code leave}, once: they are forgotten. */
  void leaveAll(BiConsumer<String, String> leave) {
    byDoc.forEach((docId, clients) -> clients.forEach(clientId -> leave.accept(docId, clientId)));
    byDoc.clear();
    count = 0;
  }

  int count() {
    return count;
  }
}
