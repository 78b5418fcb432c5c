package io.verso.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties over rich text (attributes, null removals, embeds, surrogate pairs).
 * Each property runs {@link #CASES} cases. The base seed is printed on failure; rerun one with
 * {@code -Dverso.delta.seed=<seed>}.
 */
class DeltaPropertyTest {
  static final int CASES = Integer.getInteger("verso.delta.cases", 10_000);
  static final long SEED = Long.getLong("verso.delta.seed", System.nanoTime());

  interface Case {
    void run(Gen g, int i);
  }

  static void forAll(String property, Case c) {
    forAll(property, CASES, c);
  }

  static void forAll(String property, int cases, Case c) {
    forAll(property, cases, SEED, c);
  }

  /** The cases drawn from {@code baseSeed}: a fixed one gives the same cases on every run. */
  static void forAll(String property, int cases, long baseSeed, Case c) {
    for (int i = 0; i < cases; i++) {
      long seed = baseSeed + i * 0x9E3779B97F4A7C15L;
      try {
        c.run(new Gen(seed), i);
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        throw new AssertionError(property + " failed at case " + i + " (case seed " + seed
            + ", base seed " + baseSeed + "; -Dverso.delta.seed sets it where it is not fixed): " + e.getMessage(), e);
      }
    }
  }

  @Test
  void composeMatchesReferenceModel() {
    forAll("compose vs naive", (g, i) -> {
      Delta d = g.document(8);
      Delta a = g.change(d.length(), 8);
      NaiveDoc ref = NaiveDoc.of(d);
      ref.apply(a);
      assertEquals(ref.toDelta(), d.compose(a), () -> "d=" + d + " a=" + a);
    });
  }

  @Test
  void convergence() {
    forAll("convergence", (g, i) -> {
      Delta d = g.document(8);
      Delta a = g.change(d.length(), 6);
      Delta b = g.change(d.length(), 6);
      Delta left = d.compose(a).compose(a.transform(b, true));
      Delta right = d.compose(b).compose(b.transform(a, false));
      assertEquals(left, right, () -> "d=" + d + " a=" + a + " b=" + b);
      // and on changes directly
      assertEquals(d.compose(a.compose(a.transform(b, true))),
          d.compose(b.compose(b.transform(a, false))));
    });
  }

  @Test
  void composeIsAssociativeOnDocuments() {
    forAll("compose", (g, i) -> {
      Delta d = g.document(8);
      Delta a = g.change(d.length(), 6);
      Delta ad = d.compose(a);
      Delta b = g.change(ad.length(), 6);
      assertEquals(ad.compose(b), d.compose(a.compose(b)),
          () -> "d=" + d + " a=" + a + " b=" + b);
    });
  }

  @Test
  void invertUndoes() {
    forAll("invert", (g, i) -> {
      // quill's invert cannot restore an attribute stored as null in the base document
      g.nullsInInserts = false;
      Delta d = g.document(8);
      g.nullsInInserts = true;
      Delta a = g.change(d.length(), 6);
      Delta inverse = a.invert(d);
      assertEquals(d, d.compose(a).compose(inverse), () -> "d=" + d + " a=" + a + " inv=" + inverse);
    });
  }

  @Test
  void transformPositionAgreesWithTransform() {
    Map<String, Object> marker = Map.of("marker", "m");
    forAll("transformPosition", (g, i) -> {
      Delta d = g.document(8);
      Delta a = g.change(d.length(), 6);
      int index = g.rnd.nextInt(d.length() + 1);
      boolean priority = g.rnd.nextBoolean();
      Delta b = Delta.builder().retain(index).insertEmbed(marker, null).build();
      Delta transformed = a.transform(b, priority);
      int at = 0;
      int found = -1;
      for (Op op : transformed.ops()) {
        if (op instanceof Insert ins && ins.embed() != null && ins.embed().containsKey("marker")) {
          found = at;
          break;
        }
        at += op.length();
      }
      assertEquals(found, a.transformPosition(index, !priority),
          () -> "a=" + a + " index=" + index + " priority=" + priority);
      // the marker lands where transformPosition says in the transformed document
      Delta after = d.compose(a).compose(transformed);
      assertTrue(after.slice(a.transformPosition(index, !priority),
          a.transformPosition(index, !priority) + 1).op(0) instanceof Insert m
          && m.embed() != null && m.embed().containsKey("marker"));
    });
  }

  @Test
  void documentApplyAgreesWithCompose() {
    forAll("Document.apply", (g, i) -> {
      Delta d = g.document(10);
      Document doc = new Document(d);
      assertEquals(d, doc.toDelta());
      Delta expected = d;
      int steps = 1 + g.rnd.nextInt(6);
      for (int s = 0; s < steps; s++) {
        Delta a = g.change(expected.length(), 6);
        doc.apply(a);
        expected = expected.compose(a);
        Delta exp = expected;
        assertEquals(exp, doc.toDelta(), () -> "a=" + a);
        assertEquals(exp.length(), doc.length());
      }
      // an invalid change is rejected and leaves the document unchanged
      Delta bad = Delta.builder().retain(expected.length()).delete(1).build();
      assertThrows(InvalidDeltaException.class, () -> doc.apply(bad));
      assertEquals(expected, doc.toDelta());
    });
  }

  /**
   * The document's byte size is kept exactly (the byte measure of its delta), the growth bound never
   * undercounts, a copy is independent, and charAt reads the text.
   */
  @Test
  void documentKeepsItsByteSizeAndBoundsGrowth() {
    forAll("Document.byteSize", (g, i) -> {
      Document doc = new Document(g.document(10));
      assertEquals(ContentBytes.of(doc.toDelta()), doc.byteSize());
      int steps = 1 + g.rnd.nextInt(8);
      for (int s = 0; s < steps; s++) {
        Delta before = doc.toDelta();
        Document copy = doc.copy();
        Delta a = g.change(doc.length(), 6);
        long size = doc.byteSize();
        long bound = doc.growthBound(a);
        doc.apply(a);
        long grown = doc.byteSize() - size;
        assertEquals(ContentBytes.of(doc.toDelta()), doc.byteSize(), () -> "a=" + a + " on " + before);
        assertTrue(grown <= bound, () -> "grew " + grown + " > bound " + bound + ": a=" + a + " on " + before);
        assertEquals(before, copy.toDelta(), "the copy did not change");
        assertEquals(size, copy.byteSize());
        String text = doc.plainText();
        for (int k = 0; k < text.length(); k++) {
          assertEquals(text.charAt(k), doc.charAt(k));
          assertEquals(k > 0 && Character.isHighSurrogate(text.charAt(k - 1)) && Character.isLowSurrogate(text.charAt(k)),
              doc.splitsSurrogatePair(k));
        }
      }
    });
  }

  @Test
  void diffRoundTrips() {
    forAll("diff", (g, i) -> {
      // a null attribute value stored in a document cannot be expressed by a retain (quill too)
      g.nullsInInserts = false;
      Delta d1 = g.document(8);
      Delta d2 = g.rnd.nextBoolean() ? g.document(8) : d1.compose(g.change(d1.length(), 5));
      Delta diff;
      try {
        diff = d1.diff(d2);
      } catch (StackOverflowError e) {
        throw new AssertionError("stack overflow d1=" + d1 + " d2=" + d2);
      }
      assertEquals(d2, d1.compose(diff), () -> "d1=" + d1 + " d2=" + d2 + " diff=" + diff);
    });
  }

  @Test
  void ofIsCanonicalAndIdempotent() {
    forAll("canonical", (g, i) -> {
      Delta d = Delta.of(g.rawOps(10));
      assertEquals(d, Delta.of(d.ops()));
      Op prev = null;
      for (Op op : d.ops()) {
        assertTrue(op.length() > 0);
        if (op.attributes() != null) {
          assertTrue(!op.attributes().isEmpty());
        }
        if (prev != null) {
          assertTrue(!(prev instanceof Delete && op instanceof Insert), "insert after delete");
          assertTrue(!(prev instanceof Delete && op instanceof Delete), "adjacent deletes");
          boolean sameAttrs = Values.deepEquals(prev.attributes(), op.attributes());
          assertTrue(!(sameAttrs && prev instanceof Retain && op instanceof Retain));
          assertTrue(!(sameAttrs && prev instanceof Insert pi && pi.text() != null
              && op instanceof Insert oi && oi.text() != null));
        }
        prev = op;
      }
    });
  }
}
