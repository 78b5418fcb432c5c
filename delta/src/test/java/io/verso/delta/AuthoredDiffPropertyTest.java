package io.verso.delta;

import static io.verso.delta.DeltaPropertyTest.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.AuthoredDiff.Authored;
import io.verso.delta.AuthoredDiff.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthoredDiff} against {@link NaiveHistory} over random sequential histories of several
 * users with formats and embeds. Seeds as in {@link DeltaPropertyTest}.
 */
class AuthoredDiffPropertyTest {
  private static final int HISTORIES = Math.max(1, DeltaPropertyTest.CASES / 5);
  private static final String[] USERS = {"ann", "bob", "cy", null};

  @Test
  void randomHistoriesMatchTheNaiveModel() {
    forAll("authored diff", HISTORIES, (g, i) -> {
      Delta from = g.document(8);
      for (int s = g.rnd.nextInt(4); s > 0; s--) { // a history before the range, too
        from = from.compose(g.change(from.length(), 6));
      }
      NaiveHistory ref = new NaiveHistory(from);
      List<Authored> ops = new ArrayList<>();
      Delta to = from;
      for (int s = g.rnd.nextInt(25); s > 0; s--) {
        Delta op = g.change(to.length(), 6);
        String user = USERS[g.rnd.nextInt(USERS.length)];
        ops.add(new Authored(op, user));
        ref.apply(op, user);
        to = to.compose(op);
      }
      List<Change> changes = AuthoredDiff.between(from, ops);
      Delta fromFinal = from;
      Delta toFinal = to;
      String ctx = "from=" + from + " ops=" + ops + " changes=" + changes;
      assertEquals(toFinal, fromFinal.compose(delta(changes)), () -> "content: " + ctx);
      checkAgainstModel(fromFinal, changes, ref, ctx);
      checkCanonical(changes, ctx);
    });
  }

  /** One author, no formatting: the changes are the ops' composition itself. */
  @Test
  void oneAuthorWithoutFormattingGivesTheComposition() {
    forAll("authored diff, composition", HISTORIES, (g, i) -> {
      Delta from = g.document(8);
      List<Authored> ops = new ArrayList<>();
      Delta composed = Delta.EMPTY;
      Delta to = from;
      for (int s = 1 + g.rnd.nextInt(20); s > 0; s--) {
        Delta op = withoutFormatting(g.change(to.length(), 6));
        ops.add(new Authored(op, "ann"));
        composed = composed.compose(op);
        to = to.compose(op);
      }
      List<Change> changes = AuthoredDiff.between(from, ops);
      Delta composedFinal = composed;
      assertEquals(composedFinal, delta(changes), () -> "ops=" + ops + " changes=" + changes);
      for (Change c : changes) {
        assertEquals(c.op() instanceof Retain ? null : "ann", c.author());
      }
    });
  }

  @Test
  void anExample() {
    Map<String, Object> unbold = new java.util.HashMap<>();
    unbold.put("bold", null);
    Delta from = Delta.builder().insert("Hello world\n").build();
    List<Change> changes = AuthoredDiff.between(from, List.of(
        new Authored(Delta.builder().retain(5).insert(", dear").build(), "ann"),
        new Authored(Delta.builder().retain(5).delete(6).retain(1).delete(1).insert("W").build(),
            "bob"),
        new Authored(Delta.builder().retain(5).insert("!!").build(), "cy"),
        new Authored(Delta.builder().retain(5).delete(1).build(), "cy"), // cy's own "!"
        new Authored(Delta.builder().retain(5, Map.of("bold", true)).build(), "ann"),
        new Authored(Delta.builder().retain(5, unbold).build(), "ann")));
    // ann's ", dear" went (bob deleted it with "world"'s w); bolding twice changed nothing.
    assertEquals(List.of(
        new Change(new Retain(5), null),
        new Change(new Insert("!"), "cy"),
        new Change(new Retain(1), null),
        new Change(new Insert("W"), "bob"),
        new Change(new Delete(1), "bob")), changes);
    assertEquals(Delta.builder().insert("Hello! World\n").build(),
        from.compose(delta(changes)));
  }

  @Test
  void formattingTellsItsAuthorWhenThereIsOne() {
    Delta from = Delta.builder().insert("abcd\n").build();
    List<Change> changes = AuthoredDiff.between(from, List.of(
        new Authored(Delta.builder().retain(2, Map.of("bold", true)).build(), "ann"),
        new Authored(Delta.builder().retain(1).retain(2, Map.of("italic", true)).build(), "bob")));
    assertEquals(List.of(
        new Change(new Retain(1, Map.of("bold", true)), "ann"),
        new Change(new Retain(1, Map.of("bold", true, "italic", true)), null),
        new Change(new Retain(1, Map.of("italic", true)), "bob")), changes);
  }

  @Test
  void badInputIsRejected() {
    Delta from = Delta.builder().insert("ab").build();
    assertThrows(IllegalArgumentException.class,
        () -> AuthoredDiff.between(Delta.builder().retain(1).build(), List.of()));
    assertThrows(InvalidDeltaException.class, () -> AuthoredDiff.between(from, List.of(
        new Authored(Delta.builder().delete(1).build(), "ann"),
        new Authored(Delta.builder().retain(2).build(), "ann"))));
    assertEquals(List.of(), AuthoredDiff.between(from, List.of()));
    assertEquals(List.of(), AuthoredDiff.between(Delta.EMPTY, List.of()));
  }

  // ---------------------------------------------------------------- checks

  static Delta delta(List<Change> changes) {
    Delta.Builder b = Delta.builder();
    for (Change c : changes) {
      b.push(c.op());
    }
    return b.build();
  }

  private static Delta withoutFormatting(Delta op) {
    Delta.Builder b = Delta.builder();
    for (Op o : op.ops()) {
      b.push(o instanceof Retain r ? new Retain(r.length()) : o);
    }
    return b.build().chop();
  }

  /**
   * Inserted units in order with their inserters (units inserted and deleted in the range absent),
   * original units in order, each kept — with the format change that gives its attributes, by its
   * one formatter — or deleted by its deleter.
   */
  private static void checkAgainstModel(
      Delta from, List<Change> changes, NaiveHistory ref, String ctx) {
    List<Insert> inserted = new ArrayList<>();
    List<String> inserters = new ArrayList<>();
    List<Change> originals = new ArrayList<>(); // one per original unit: its retain or delete
    for (Change c : changes) {
      if (c.op() instanceof Insert ins) {
        for (Insert one : NaiveHistory.split(ins)) {
          inserted.add(one);
          inserters.add(c.author());
        }
      } else {
        for (int k = 0; k < c.op().length(); k++) {
          originals.add(c);
        }
      }
    }
    List<Insert> expectedInserted = new ArrayList<>();
    List<String> expectedInserters = new ArrayList<>();
    int orig = 0;
    for (NaiveHistory.Unit u : ref.units) {
      if (u.orig < 0) {
        expectedInserted.add(new Insert(u.ins.text(), u.ins.embed(), u.attrs));
        expectedInserters.add(u.insertedBy);
        continue;
      }
      assertEquals(orig++, u.orig, "model order");
      if (u.orig >= originals.size()) {
        // past the last change: kept, unformatted (a trailing plain retain is dropped)
        assertFalse(u.deleted, () -> "unit " + u.orig + " deleted but not in " + ctx);
        assertTrue(Values.deepEquals(u.ins.attributes(), u.attrs), () -> "format lost: " + ctx);
        continue;
      }
      Change c = originals.get(u.orig);
      if (u.deleted) {
        assertTrue(c.op() instanceof Delete, () -> "unit " + u.orig + " not deleted: " + ctx);
        assertEquals(u.deletedBy, c.author(), () -> "deleter of " + u.orig + ": " + ctx);
      } else {
        Retain r = assertInstance(c.op(), u.orig, ctx);
        Map<String, Object> before = u.ins.attributes();
        assertTrue(Values.deepEquals(u.attrs, AttributeMaps.compose(before, r.attributes(), false)),
            () -> "attributes of " + u.orig + ": " + ctx);
        boolean changed = !Values.deepEquals(before, u.attrs);
        assertEquals(changed, r.attributes() != null, () -> "format change of " + u.orig + ": " + ctx);
        String formatter = changed && u.formatters.size() == 1 ? u.formatters.get(0) : null;
        assertEquals(formatter, c.author(), () -> "formatter of " + u.orig + ": " + ctx);
      }
    }
    assertEquals(orig, from.length());
    assertTrue(originals.size() <= from.length(), () -> "changes span too much: " + ctx);
    assertEquals(expectedInserted, inserted, () -> "inserted: " + ctx);
    assertEquals(expectedInserters, inserters, () -> "inserters: " + ctx);
  }

  private static Retain assertInstance(Op op, int unit, String ctx) {
    assertTrue(op instanceof Retain, () -> "unit " + unit + " not kept: " + ctx);
    return (Retain) op;
  }

  /** The quill push rules, per author. */
  private static void checkCanonical(List<Change> changes, String ctx) {
    for (int k = 0; k < changes.size(); k++) {
      Change c = changes.get(k);
      assertTrue(c.op().length() > 0, () -> "empty change: " + ctx);
      if (c.op() instanceof Retain r && r.attributes() == null) {
        assertNull(c.author(), () -> "a plain retain has no author: " + ctx);
      }
      if (k == 0) {
        continue;
      }
      Change p = changes.get(k - 1);
      assertFalse(p.op() instanceof Delete && c.op() instanceof Insert,
          () -> "insert after delete: " + ctx);
      if (Objects.equals(p.author(), c.author())) {
        assertEquals(2, Delta.of(p.op(), c.op()).size(), () -> "unmerged at " + c + ": " + ctx);
      }
    }
    if (!changes.isEmpty()) {
      Op last = changes.get(changes.size() - 1).op();
      assertFalse(last instanceof Retain && last.attributes() == null, () -> "not chopped: " + ctx);
    }
  }
}
