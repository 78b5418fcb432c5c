package io.verso.bench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.verso.bench.trace.Trace;
import io.verso.delta.Authorship;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmarked authorship replay covers exactly the trace's final text, one run per turn at most. */
class AuthorshipReplayTest {
  @Test
  void replayCoversTheFinalText() {
    Trace t = Trace.load("automerge-paper");
    Authorship a = AuthorshipBenchmark.replayAuthorship(t, AuthorshipBenchmark.ops(t),
        AuthorshipBenchmark.users(t.patches(), 4, new Random(7)));
    assertEquals(t.endContent.length(), a.length());
    assertEquals(a.runs(), Authorship.fromRuns(a.runs()).runs());
    Authorship one = AuthorshipBenchmark.replayAuthorship(t, AuthorshipBenchmark.ops(t),
        AuthorshipBenchmark.users(t.patches(), 1, new Random(7)));
    assertEquals(1, one.runCount());
  }
}
