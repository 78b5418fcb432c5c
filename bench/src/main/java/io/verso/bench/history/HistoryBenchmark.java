package io.verso.bench.history;

import io.verso.bench.trace.Trace;
import java.util.Random;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the history benchmarks share: JMH's settings (inherited; each benchmark names its own time
 * unit) and the automerge-paper trace they take their length and their users' turns from.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public abstract class HistoryBenchmark {
  /** automerge-paper's patches, the length of every replayed log. */
  public static final int PATCHES = 259_778;

  /** The automerge-paper trace, checked to be the length the results are quoted for. */
  public static Trace automergePaper() {
    Trace trace = Trace.load("automerge-paper");
    if (trace.patches() != PATCHES) {
      throw new IllegalStateException("automerge-paper has " + trace.patches() + " patches");
    }
    return trace;
  }

  /** Users taking turns of 1–400 patches. */
  public static String[] users(int n, int authors, Random rnd) {
    String[] users = new String[n];
    int u = 0;
    for (int i = 0; i < n; ) {
      int turn = 1 + rnd.nextInt(400);
      for (int k = 0; k < turn && i < n; k++) {
        users[i++] = "user-" + u;
      }
      u = authors == 1 ? 0 : (u + 1 + rnd.nextInt(authors - 1)) % authors;
    }
    return users;
  }
}
