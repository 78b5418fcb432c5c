package io.verso.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Anchor} against a per-character model over random concurrent histories (ops on an older
 * revision transformed over the ops since, as the sequencer does). The model tags the anchored
 * characters; a character inserted strictly between two tagged ones is tagged too (it was typed
 * inside the comment), one inserted at an edge is not. The anchor must be exactly the span of the
 * surviving tagged characters, detached exactly when none survive, and never outside the document.
 * Fixed seeds: the same cases on every run, so CI cannot flake.
 */
class AnchorPropertyTest {
  static final int CASES = 400;
  static final long SEED = 0x5EED_A4C4L;

  static void forAll(String property, DeltaPropertyTest.Case c) {
    DeltaPropertyTest.forAll(property, CASES, SEED, c);
  }

  /** Where a model character came from, relative to the anchor. */
  enum Tag { BEFORE, IN, AFTER, OUTSIDE }

  @Test
  void anchorsFollowConcurrentHistoriesLikeTheModel() {
    forAll("anchor, concurrent", (g, i) -> {
      List<Delta> contents = new ArrayList<>(List.of(g.document(8)));
      List<Delta> committed = new ArrayList<>(List.of(Delta.EMPTY)); // committed.get(r) made rev r
      int steps = 1 + g.rnd.nextInt(25);
      for (int s = 0; s < steps; s++) {
        g.commitConcurrent(contents, committed);
      }
      for (int k = 0; k < 4; k++) {
        int rev = g.rnd.nextInt(contents.size());
        int docLength = contents.get(rev).length();
        int index = g.rnd.nextInt(docLength + 1);
        int length = docLength == index || g.rnd.nextInt(8) == 0 ? 0
            : 1 + g.rnd.nextInt(Math.min(docLength - index, g.rnd.nextBoolean() ? 3 : 12));
        Anchor anchor = Anchor.of(index, length, docLength);
        List<Tag> tags = tag(docLength, index, length);
        NaiveDoc doc = NaiveDoc.of(contents.get(rev));
        for (int r = rev + 1; r < contents.size(); r++) {
          Delta op = committed.get(r);
          Anchor before = anchor;
          anchor = anchor.transform(op);
          apply(tags, op);
          doc.apply(op);
          int rr = r;
          Anchor now = anchor;
          check(now, before, tags, contents.get(r).length(),
              () -> "rev " + rr + " op=" + op + " " + before + " -> " + now + " tags=" + tags);
        }
        assertEquals(contents.get(contents.size() - 1), doc.toDelta());
      }
    });
  }

  @Test
  void editsAtTheEdgesStayOutsideAndInsideGrows() {
    Anchor a = Anchor.of(2, 3, 10); // "cde" in "abcdefghij"
    assertEquals(new Anchor(4, 3, false), a.transform(Delta.builder().retain(2).insert("XY").build()));
    assertEquals(a, a.transform(Delta.builder().retain(5).insert("XY").build()));
    assertEquals(new Anchor(2, 5, false), a.transform(Delta.builder().retain(3).insert("XY").build()));
    assertEquals(new Anchor(1, 2, false), a.transform(Delta.builder().retain(1).delete(2).build()));
    assertEquals(new Anchor(2, 1, false), a.transform(Delta.builder().retain(3).delete(4).build()));
    // formatting moves nothing
    assertEquals(a, a.transform(Delta.builder().retain(10, java.util.Map.of("bold", true)).build()));
  }

  @Test
  void deletingAllOfItsTextDetachesItForGood() {
    Anchor a = Anchor.of(2, 3, 10);
    Anchor gone = a.transform(Delta.builder().retain(1).delete(5).build());
    assertEquals(new Anchor(1, 0, true), gone);
    // replacing the text: the replacement went in at the start edge, so it is not the comment's
    Anchor replaced = a.transform(Delta.builder().retain(2).insert("new").delete(3).build());
    assertEquals(new Anchor(5, 0, true), replaced);
    // text typed at a detached anchor goes before it; it never grows back
    assertEquals(new Anchor(3, 0, true), gone.transform(Delta.builder().retain(1).insert("XY").build()));
    assertEquals(new Anchor(0, 0, true), gone.transform(Delta.builder().delete(4).build()));
  }

  @Test
  void aPointMovesLikeACaretAndIsNeverDetached() {
    Anchor p = Anchor.of(3, 0, 5);
    assertEquals(new Anchor(5, 0, false), p.transform(Delta.builder().retain(3).insert("XY").build()));
    assertEquals(new Anchor(1, 0, false), p.transform(Delta.builder().retain(1).delete(4).build()));
  }

  @Test
  void invalidAnchorsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Anchor.of(-1, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> Anchor.of(1, -1, 5));
    assertThrows(IllegalArgumentException.class, () -> Anchor.of(3, 3, 5));
    assertThrows(IllegalArgumentException.class, () -> Anchor.of(6, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> Anchor.of(Integer.MAX_VALUE, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> new Anchor(1, 2, true));
    assertEquals(new Anchor(5, 0, false), Anchor.of(5, 0, 5));
    assertEquals(new Anchor(0, 5, false), Anchor.of(0, 5, 5));
  }

  private static List<Tag> tag(int docLength, int index, int length) {
    List<Tag> tags = new ArrayList<>();
    for (int p = 0; p < docLength; p++) {
      tags.add(p < index ? Tag.BEFORE : p < index + length ? Tag.IN : Tag.AFTER);
    }
    return tags;
  }

  /** Applies a change to the tags as {@link NaiveDoc#apply} does to characters. */
  private static void apply(List<Tag> tags, Delta change) {
    int pos = 0;
    for (Op op : change.ops()) {
      if (op instanceof Insert ins) {
        boolean inside = pos > 0 && pos < tags.size()
            && tags.get(pos - 1) == Tag.IN && tags.get(pos) == Tag.IN;
        for (int k = 0; k < ins.length(); k++) {
          tags.add(pos++, inside ? Tag.IN : Tag.OUTSIDE);
        }
      } else if (op instanceof Retain) {
        pos += op.length();
      } else {
        for (int k = 0; k < op.length(); k++) {
          tags.remove(pos);
        }
      }
    }
  }

  private static void check(Anchor a, Anchor before, List<Tag> tags, int docLength,
      java.util.function.Supplier<String> msg) {
    assertEquals(docLength, tags.size(), msg);
    assertTrue(a.index() >= 0 && a.end() <= docLength, msg);
    int first = tags.indexOf(Tag.IN);
    int last = tags.lastIndexOf(Tag.IN);
    if (first >= 0) {
      assertFalse(a.detached(), msg);
      assertEquals(first, a.index(), msg);
      assertEquals(last + 1, a.end(), msg);
      for (int p = first; p <= last; p++) {
        assertEquals(Tag.IN, tags.get(p), msg);
      }
    } else {
      assertEquals(0, a.length(), msg);
      // a point stays a point; a range that lost its text is detached, and stays so
      assertEquals(before.detached() || before.length() > 0, a.detached(), msg);
      // at the place its text was: after everything before it, before everything after it
      for (int p = 0; p < tags.size(); p++) {
        if (tags.get(p) == Tag.BEFORE) {
          assertTrue(p < a.index(), msg);
        } else if (tags.get(p) == Tag.AFTER) {
          assertTrue(p >= a.index(), msg);
        }
      }
    }
  }
}
