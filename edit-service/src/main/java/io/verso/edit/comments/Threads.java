package io.verso.edit.comments;

import io.verso.delta.Anchor;
import io.verso.delta.Delete;
import io.verso.delta.Delta;
import io.verso.delta.Op;
import io.verso.delta.Retain;
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

  /**
   * A thread and its anchor kept apart: the anchor changes with nearly every op and is moved in
   * place, the thread (its comments) only with comment changes; {@link #get} puts them together.
   */
  private static final class Entry {
    CommentThread thread;
    long rev;
    int index;
    int length;
    boolean detached;

    Entry(CommentThread t) {
      thread = t;
      rev = t.rev();
      index = t.index();
      length = t.length();
      detached = t.detached();
    }

    CommentThread current() {
      if (thread.rev() != rev || thread.index() != index || thread.length() != length || thread.detached() != detached) {
        thread = thread.withAnchor(rev, index, length, detached);
      }
      return thread;
    }
  }

  private final Map<String, Entry> byId = new LinkedHashMap<>();
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
    Entry e = byId.get(id);
    return e == null ? null : e.current();
  }

  Collection<CommentThread> all() {
    return list();
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
    Entry old = byId.put(thread.id(), new Entry(thread));
    textBytes += bytes(thread) - (old == null ? 0 : bytes(old.thread));
  }

  void remove(String id) {
    Entry old = byId.remove(id);
    if (old != null) {
      textBytes -= bytes(old.thread);
    }
  }

  /**
   * Moves every anchor still before revision {@code rev} through {@code op}, the op that made
   * {@code rev}: the server's anchor rule ({@link Anchor#transform}), one revision at a time. Only
   * the anchors that touch the op's changed span are transformed: one that ends before its first
   * insert or delete keeps its place (the end stays before an insert at it), one that starts after
   * its last change only shifts by the op's change in length. A keystroke costs a comparison per
   * thread and a transform for the threads around it.
   */
  void move(Delta op, long rev) {
    Span span = Span.of(op);
    if (span == null) {
      markAll(rev); // formatting moves nothing
      return;
    }
    int shift = op.changeLength();
    for (Entry e : byId.values()) {
      if (e.rev >= rev) {
        continue;
      }
      e.rev = rev;
      if (e.index < span.first() && e.index + e.length <= span.first()) {
        continue;
      }
      if (e.index > span.last()) {
        e.index += shift;
        continue;
      }
      Anchor a = new Anchor(e.index, e.length, e.detached).transform(op);
      e.index = a.index();
      e.length = a.length();
      e.detached = a.detached();
    }
  }

  private void markAll(long rev) {
    for (Entry e : byId.values()) {
      e.rev = Math.max(e.rev, rev);
    }
  }

  /**
   * Where an op changes its document, in the document's positions before it: its first insert or
   * delete at {@code first}, its last one ending at {@code last} (an insert at q ends at q, a delete
   * of [q, q+n) at q+n). Positions after {@code last} only shift by the op's change in length.
   */
  record Span(int first, int last) {
    /** The span of {@code op}, or null when it only retains (formats). */
    static Span of(Delta op) {
      int at = 0;
      int first = -1;
      int last = -1;
      for (Op o : op.ops()) {
        if (o instanceof Retain) {
          at += o.length();
          continue;
        }
        if (first < 0) {
          first = at;
        }
        if (o instanceof Delete) {
          at += o.length();
        }
        last = at;
      }
      return first < 0 ? null : new Span(first, last);
    }
  }

  /** The oldest anchor revision, or {@code Long.MAX_VALUE} when there is no thread. */
  long oldestRev() {
    long min = Long.MAX_VALUE;
    for (Entry e : byId.values()) {
      min = Math.min(min, e.rev);
    }
    return min;
  }

  List<CommentThread> list() {
    List<CommentThread> list = new ArrayList<>(byId.size());
    byId.values().forEach(e -> list.add(e.current()));
    return list;
  }

  static long bytes(CommentThread thread) {
    long n = 0;
    for (Comment c : thread.comments()) {
      n += CommentLimits.bytes(c.text());
    }
    return n;
  }
}
