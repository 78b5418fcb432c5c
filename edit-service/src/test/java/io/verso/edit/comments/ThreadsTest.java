package io.verso.edit.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.verso.delta.Anchor;
import io.verso.delta.Delta;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Threads#move} skips the anchors that end before an op's first insert or delete: on random
 * anchors (points, detached, ranges) and random ops (formats, inserts, deletes at random places,
 * often at an anchor's edges), moving through {@code Threads} gives exactly what {@link Anchor#transform}
 * gives for each anchor. Fixed seeds.
 */
class ThreadsTest {
  @Test
  void skippingTheAnchorsBeforeAnOpsFirstChangeChangesNoAnchor() {
    for (long seed = 1; seed <= 300; seed++) {
      Random rnd = new Random(seed);
      int docLength = 1 + rnd.nextInt(40);
      Threads threads = new Threads();
      List<Anchor> expected = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int index = rnd.nextInt(docLength + 1);
        int length = rnd.nextInt(docLength - index + 1);
        boolean detached = length == 0 && rnd.nextBoolean();
        expected.add(new Anchor(index, length, detached));
        threads.put(thread(i, 0, index, length, detached));
      }
      for (long rev = 1; rev <= 20; rev++) {
        Delta op = randomOp(rnd, docLength);
        docLength += op.changeLength();
        threads.move(op, rev);
        for (int i = 0; i < expected.size(); i++) {
          expected.set(i, expected.get(i).transform(op));
          CommentThread t = threads.get(id(i));
          assertEquals(expected.get(i), new Anchor(t.index(), t.length(), t.detached()), "seed " + seed + " rev " + rev);
          assertEquals(rev, t.rev());
        }
      }
    }
  }

  @Test
  void anAnchorAlreadyAtTheRevisionIsNotMovedAgain() {
    Threads threads = new Threads();
    threads.put(thread(0, 5, 2, 3, false));
    threads.move(Delta.builder().insert("abc").build(), 5); // the op that made rev 5: already in the anchor
    assertEquals(2, threads.get(id(0)).index());
    threads.move(Delta.builder().insert("abc").build(), 6);
    assertEquals(5, threads.get(id(0)).index());
  }

  private static Delta randomOp(Random rnd, int docLength) {
    Delta.Builder b = Delta.builder();
    int at = 0;
    int parts = 1 + rnd.nextInt(3);
    for (int p = 0; p < parts && at < docLength; p++) {
      int skip = rnd.nextInt(docLength - at + 1);
      if (skip > 0) {
        if (rnd.nextInt(4) == 0) {
          b.retain(skip, Map.of("bold", true));
        } else {
          b.retain(skip);
        }
        at += skip;
      }
      switch (rnd.nextInt(3)) {
        case 0 -> b.insert("x".repeat(1 + rnd.nextInt(3)));
        case 1 -> {
          int del = Math.min(docLength - at, 1 + rnd.nextInt(5));
          if (del > 0) {
            b.delete(del);
            at += del;
          }
        }
        default -> {
          int fmt = Math.min(docLength - at, 1 + rnd.nextInt(5));
          if (fmt > 0) {
            b.retain(fmt, Map.of("italic", true));
            at += fmt;
          }
        }
      }
    }
    return b.build();
  }

  private static String id(int i) {
    return String.format("thread-%016d", i);
  }

  private static CommentThread thread(int i, long rev, int index, int length, boolean detached) {
    return new CommentThread(id(i), rev, index, length, detached, false, null, null,
        List.of(new Comment(String.format("comment-%015d", i), "u", "U", "t", 0, null)));
  }
}
