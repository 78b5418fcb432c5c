package io.verso.bench.delta;

import io.verso.bench.trace.Trace;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays a whole recorded trace through the server-side path of the edit service: each patch
 * becomes a rich-text delta ({@code retain(pos) · delete(n) · insert(text)}), is validated against
 * the document (lengths) and applied to the server's {@link Document}. One invocation = the whole
 * trace from {@code startContent}; the result is checked against {@code endContent}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TraceReplayBenchmark {
  @Param({"automerge-paper", "seph-blog1", "rustcode"})
  public String trace;

  private Trace t;
  private Document last;

  @Setup(Level.Trial)
  public void load() {
    t = Trace.load(trace);
  }

  @Benchmark
  public Document replay() {
    Document doc = replay(t);
    last = doc;
    return doc;
  }

  /** The measured path, also used by the test that checks the result. */
  public static Document replay(Trace t) {
    Document doc = new Document(Delta.builder().insert(t.startContent).build());
    int[] pos = t.pos;
    int[] del = t.deleted;
    String[] ins = t.inserted;
    for (int i = 0; i < pos.length; i++) {
      doc.apply(Delta.builder().retain(pos[i]).delete(del[i]).insert(ins[i]).build());
    }
    return doc;
  }

  @TearDown(Level.Iteration)
  public void check() {
    if (last != null && !last.plainText().equals(t.endContent)) {
      throw new IllegalStateException("replay of " + trace + " does not give endContent");
    }
  }
}
