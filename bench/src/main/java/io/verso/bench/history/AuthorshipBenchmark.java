package io.verso.bench.history;

import io.verso.bench.trace.Trace;
import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What recording authorship costs per committed op: the whole automerge-paper trace (259,778
 * patches, ops built before measuring) replayed through {@link Authorship#apply}, side by side
 * with {@link Document#apply} of the same ops (the sequencer's own apply). Results are per op
 * ({@link OperationsPerInvocation}). {@code authors}: how many users take turns (1 = one run; 4 =
 * turns of 1–400 patches each, so the final document has thousands of runs). {@code finalRuns}:
 * the runs of the final document (what {@code GET …/authorship} serialises), and
 * {@code fromStoredRuns}: loading them back (what a restarted sequencer does).
 *
 * <pre>java -jar bench/target/benchmarks.jar AuthorshipBenchmark -f 1 -wi 2 -w 2 -i 3 -r 2</pre>
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthorshipBenchmark extends HistoryBenchmark {
  @Param({"1", "4"})
  public int authors;

  private Trace trace;
  private Delta[] ops;
  private String[] users;
  private Authorship last;
  private List<Authorship.Run> lastRuns;

  @Setup(Level.Trial)
  public void load() {
    trace = automergePaper();
    ops = ops(trace);
    users = users(PATCHES, authors, new Random(7));
    last = replayAuthorship(trace, ops, users);
    lastRuns = last.runs();
  }

  public static Delta[] ops(Trace t) {
    Delta[] ops = new Delta[t.patches()];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = Delta.builder().retain(t.pos[i]).delete(t.deleted[i]).insert(t.inserted[i]).build();
    }
    return ops;
  }

  static Authorship replayAuthorship(Trace t, Delta[] ops, String[] users) {
    Authorship a = Authorship.of(t.startContent.length(), null);
    for (int i = 0; i < ops.length; i++) {
      a.apply(ops[i], users[i]);
    }
    return a;
  }

  @Benchmark
  @OperationsPerInvocation(PATCHES)
  public Authorship authorshipApply() {
    return replayAuthorship(trace, ops, users);
  }

  @Benchmark
  @OperationsPerInvocation(PATCHES)
  public Document documentApply() {
    Document doc = new Document(Delta.builder().insert(trace.startContent).build());
    for (Delta op : ops) {
      doc.apply(op);
    }
    return doc;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Authorship.Run> finalRuns() {
    return last.runs();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Authorship fromStoredRuns() {
    return Authorship.fromRuns(lastRuns);
  }
}
