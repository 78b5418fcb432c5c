package io.verso.bench.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.verso.bench.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarked replay path must reproduce each trace's recorded final text exactly. */
class TraceReplayTest {
  @ParameterizedTest
  @ValueSource(strings = {"automerge-paper", "seph-blog1", "rustcode", "sveltecomponent"})
  void replayGivesEndContent(String name) {
    Trace t = Trace.load(name);
    String text = TraceReplayBenchmark.replay(t).plainText();
    assertEquals(t.endContent.length(), text.length(), "length after replaying " + name);
    assertEquals(t.endContent, text, "content after replaying " + name);
  }
}
