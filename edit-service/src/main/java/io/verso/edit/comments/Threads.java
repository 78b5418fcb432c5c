package io.verso.edit.comments;

import io.verso.delta.Anchor;
import io.verso.delta.Delta;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentLimits;
import io.verso.protocol.comments.CommentThread;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comment threads of one document in memory, in creation order, with the UTF-8 bytes of all
 * their texts (the per-document limit): what the room changes after storage has committed, and
 * moves through every committed op. Not thread-safe: the room's event loop.
 */
final class Threads {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

  private final Map<String, CommentThread> byId = new LinkedHashMap<>();
  private long textBytes;

  /** A new random thread or comment id (22 characters of base64url, a {@link CommentLimits#isId} id). */
  static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return ENC.encodeToString(b);
  }

  void replaceAll(List<CommentThread> threads) {
    byId.clear();
    textBytes = 0;
    threads.forEach(this::put);
  }

  CommentThread get(String id) {
    return byId.get(id);
  }

  Collection<CommentThread> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  long textBytes() {
    return textBytes;
  }

  void put(CommentThread thread) {
    CommentThread old = byId.put(thread.id(), thread);
    textBytes += bytes(thread) - (old == null ? 0 : bytes(old));
  }

  void remove(String id) {
    CommentThread old = byId.remove(id);
    if (old != null) {
      textBytes -= bytes(old);
    }
  }

  /**
   * Moves every anchor still before revision {@code rev} through {@code op}, the op that made
   * {@code rev}: the server's anchor rule ({@link Anchor#transform}), one revision at a time.
   */
  void move(Delta op, long rev) {
    for (Map.Entry<String, CommentThread> e : byId.entrySet()) {
      CommentThread t = e.getValue();
      if (t.rev() < rev) {
        Anchor a = new Anchor(t.index(), t.length(), t.detached()).transform(op);
        e.setValue(t.withAnchor(rev, a.index(), a.length(), a.detached()));
      }
    }
  }

  /** The oldest anchor revision, or {@code Long.MAX_VALUE} when there is no thread. */
  long oldestRev() {
    long min = Long.MAX_VALUE;
    for (CommentThread t : byId.values()) {
      min = Math.min(min, t.rev());
    }
    return min;
  }

  List<CommentThread> list() {
    return new ArrayList<>(byId.values());
  }

  static long bytes(CommentThread thread) {
    long n = 0;
    for (Comment c : thread.comments()) {
      n += CommentLimits.bytes(c.text());
    }
    return n;
  }
}
