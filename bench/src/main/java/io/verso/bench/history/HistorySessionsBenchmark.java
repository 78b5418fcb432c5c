package io.verso.bench.history;

import io.verso.delta.HistorySessions;
import io.verso.delta.HistorySessions.OpMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Grouping a 259,778-op log (the length of automerge-paper) into history sessions: the whole log at
 * once, and one page of 50 entries read backwards from the head and from the middle through an
 * in-memory {@link HistorySessions.Log} (so this measures the grouping, not the database). The
 * trace's own timestamps are not real (the whole trace spans seconds), so the log has 4 users
 * taking turns, 0–3 s between ops and a 5–120 minute pause after 1 op in 500.
 *
 * <pre>java -jar bench/target/benchmarks.jar HistorySessionsBenchmark -f 1 -wi 2 -w 2 -i 3 -r 2</pre>
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HistorySessionsBenchmark extends HistoryBenchmark {
  private final HistorySessions sessions = new HistorySessions();
  private OpMeta[] log;
  private List<OpMeta> logList;
  private HistorySessions.Log source;

  @Setup(Level.Trial)
  public void setUp() {
    log = log(PATCHES, new Random(11));
    logList = List.of(log);
    source = backwards(log);
  }

  static OpMeta[] log(int n, Random rnd) {
    String[] users = users(n, 4, rnd);
    OpMeta[] log = new OpMeta[n];
    long ts = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      ts += rnd.nextInt(500) == 0 ? (5 + rnd.nextInt(116)) * 60_000L : rnd.nextInt(3000);
      log[i] = new OpMeta(i + 1, users[i], ts, rnd.nextInt(2), rnd.nextInt(2));
    }
    return log;
  }

  /** The log as storage would serve it: {@code rev < ? ORDER BY rev DESC LIMIT ?}. */
  static HistorySessions.Log backwards(OpMeta[] log) {
    return (rev, max) -> {
      int end = (int) Math.min(Math.max(rev - 1, 0), log.length); // revisions are 1..n
      List<OpMeta> out = new ArrayList<>(Math.min(max, end));
      for (int i = end - 1; i >= 0 && out.size() < max; i--) {
        out.add(log[i]);
      }
      return out;
    };
  }

  @Benchmark
  public List<HistorySessions.Entry> groupWholeLog() {
    return sessions.group(logList);
  }

  @Benchmark
  public HistorySessions.Page pageAtHead() {
    return sessions.before(source, Long.MAX_VALUE, 50);
  }

  @Benchmark
  public HistorySessions.Page pageInTheMiddle() {
    return sessions.before(source, PATCHES / 2, 50);
  }
}
