package io.verso.delta;

import static io.verso.delta.DeltaPropertyTest.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Authorship} against {@link NaiveAuthors} over random histories of several users, one after
 * the other and concurrent (ops on an older revision transformed over the ops since, as the
 * sequencer does). Seeds as in {@link DeltaPropertyTest}.
 */
class AuthorshipPropertyTest {
  private static final int HISTORIES = Math.max(1, DeltaPropertyTest.CASES / 5);
  private static final String[] USERS = {"ann", "bob", "cy", null};

  @Test
  void sequentialHistoriesMatchTheNaiveModel() {
    forAll("authorship, sequential", HISTORIES, (g, i) -> {
      Delta content = g.document(8);
      String initial = USERS[g.rnd.nextInt(USERS.length)];
      Authorship a = Authorship.of(new Document(content), initial);
      NaiveAuthors ref = new NaiveAuthors(content.length(), initial);
      check(a, ref, content.length());
      int steps = 1 + g.rnd.nextInt(30);
      for (int s = 0; s < steps; s++) {
        Delta op = g.change(content.length(), 6);
        String user = USERS[g.rnd.nextInt(USERS.length)];
        a.apply(op, user);
        ref.apply(op, user);
        content = content.compose(op);
        check(a, ref, content.length());
      }
    });
  }

  @Test
  void concurrentHistoriesMatchTheNaiveModel() {
    forAll("authorship, concurrent", HISTORIES, (g, i) -> {
      List<Delta> contents = new ArrayList<>(List.of(g.document(8)));
      List<Delta> committed = new ArrayList<>(List.of(Delta.EMPTY)); // committed.get(r) made rev r
      Authorship a = Authorship.of(contents.get(0).length(), null);
      NaiveAuthors ref = new NaiveAuthors(contents.get(0).length(), null);
      int steps = 1 + g.rnd.nextInt(30);
      for (int s = 0; s < steps; s++) {
        Delta op = g.commitConcurrent(contents, committed);
        String user = USERS[g.rnd.nextInt(USERS.length - 1)];
        a.apply(op, user);
        ref.apply(op, user);
        check(a, ref, contents.get(contents.size() - 1).length());
      }
    });
  }

  /** Many runs (a deep treap) against the model, with long deletes across many runs. */
  @Test
  void manyRunsMatchTheNaiveModel() {
    replayAgainstTheModel("authorship, many runs", 0, () -> (rnd, len) -> {
      int pos = rnd.nextInt(len + 1);
      Delta.Builder b = Delta.builder().retain(pos);
      if (len - pos > 0 && rnd.nextInt(3) == 0) {
        b.delete(1 + rnd.nextInt(Math.min(len - pos, rnd.nextInt(10) == 0 ? 200 : 5)));
      } else {
        b.insert("x".repeat(1 + rnd.nextInt(4)));
      }
      return new Step(b.build(), USERS[rnd.nextInt(USERS.length)]);
    });
  }

  /** Keystrokes as people type: a cursor that mostly stays, typing and backspacing, users in turns. */
  @Test
  void typingSessionsMatchTheNaiveModel() {
    replayAgainstTheModel("authorship, typing", 20, () -> new Steps() {
      int cursor;
      String user = USERS[0];

      @Override
      public Step next(Random rnd, int len) {
        if (rnd.nextInt(20) == 0) {
          user = USERS[rnd.nextInt(USERS.length)];
        }
        if (rnd.nextInt(8) == 0) {
          cursor = rnd.nextInt(10) == 0 ? rnd.nextInt(len + 1)
              : Math.max(0, Math.min(len, cursor + rnd.nextInt(7) - 3));
        }
        Delta op = cursor > 0 && rnd.nextInt(4) == 0
            ? Delta.builder().retain(--cursor).delete(1).build()
            : Delta.builder().retain(cursor++).insert("x").build();
        return new Step(op, user);
      }
    });
  }

  /** One op of a generated history and its author. */
  private record Step(Delta op, String user) {}

  /** A history generator, given the document's current length. */
  private interface Steps {
    Step next(Random rnd, int len);
  }

  /**
   * 3,000 steps from a fresh generator per case, from a document of {@code initial} unknown code
   * units, applied to both {@link Authorship} and the model, compared every 50 steps.
   */
  private static void replayAgainstTheModel(String what, int initial, Supplier<Steps> generator) {
    forAll(what, Math.max(1, DeltaPropertyTest.CASES / 500), (g, i) -> {
      Steps steps = generator.get();
      Authorship a = Authorship.of(initial, null);
      NaiveAuthors ref = new NaiveAuthors(initial, null);
      int len = initial;
      for (int s = 0; s < 3000; s++) {
        Step step = steps.next(g.rnd, len);
        a.apply(step.op(), step.user());
        ref.apply(step.op(), step.user());
        len += step.op().changeLength();
        if (s % 50 == 0) {
          check(a, ref, len);
        }
      }
      check(a, ref, len);
    });
  }

  @Test
  void formattingKeepsTheAuthor() {
    Authorship a = Authorship.of(5, "ann");
    a.apply(Delta.builder().retain(1).retain(3, Map.of("bold", true)).build(), "bob");
    assertEquals(List.of(new Authorship.Run(5, "ann")), a.runs());
    a.apply(Delta.builder().retain(2).insert("xy", Map.of("bold", true)).build(), "bob");
    assertEquals(List.of(new Authorship.Run(2, "ann"), new Authorship.Run(2, "bob"),
        new Authorship.Run(3, "ann")), a.runs());
    // deleting bob's text brings ann's two runs back together
    a.apply(Delta.builder().retain(2).delete(2).build(), "cy");
    assertEquals(List.of(new Authorship.Run(5, "ann")), a.runs());
  }

  @Test
  void aChangeLongerThanTheDocumentIsRejectedAndChangesNothing() {
    Authorship a = Authorship.of(3, "ann");
    a.apply(Delta.builder().retain(1).insert("b").build(), "bob");
    List<Authorship.Run> before = a.runs();
    assertThrows(InvalidDeltaException.class,
        () -> a.apply(Delta.builder().insert("z").retain(4).delete(1).build(), "cy"));
    assertEquals(before, a.runs());
    assertEquals(4, a.length());
  }

  @Test
  void storedRunsAreMergedAndValidated() {
    Authorship a = Authorship.fromRuns(List.of(new Authorship.Run(2, "ann"),
        new Authorship.Run(3, "ann"), new Authorship.Run(1, null), new Authorship.Run(1, null)));
    assertEquals(List.of(new Authorship.Run(5, "ann"), new Authorship.Run(2, null)), a.runs());
    assertEquals(2, a.runCount());
    assertThrows(IllegalArgumentException.class, () -> new Authorship.Run(0, "ann"));
    assertEquals(List.of(), Authorship.fromRuns(List.of()).runs());
  }

  private static void check(Authorship a, NaiveAuthors ref, int length) {
    assertEquals(length, ref.cells.size(), "model and content disagree");
    assertEquals(length, a.length());
    List<Authorship.Run> runs = a.runs();
    assertEquals(runs.size(), a.runCount());
    int pos = 0;
    for (int k = 0; k < runs.size(); k++) {
      Authorship.Run run = runs.get(k);
      if (k > 0) {
        assertNotEquals(runs.get(k - 1).userId(), run.userId(), () -> "unmerged runs " + runs);
      }
      for (int c = 0; c < run.length(); c++) {
        int at = pos + c;
        assertEquals(ref.cells.get(at), run.userId(), () -> "author at " + at + " in " + runs);
      }
      pos += run.length();
    }
    assertEquals(length, pos, "runs sum to the length");
    if (length > 0) {
      int probe = (int) ((long) length * 7 / 13);
      assertEquals(ref.cells.get(probe), a.authorAt(probe));
    }
    Authorship copy = Authorship.fromRuns(runs);
    assertEquals(runs, copy.runs(), "stored form round-trips");
    assertEquals(length, copy.length());
  }
}
