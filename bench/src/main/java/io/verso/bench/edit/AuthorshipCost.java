package io.verso.bench.edit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * What keeping authorship adds to the sequencer's per-op cost, measured so that a loaded machine
 * does not drown it: two {@link SequencerBenchmark} sequencers, with and without authorship, in one
 * JVM, submitting alternately in blocks, each block timed in this thread's CPU time (other
 * processes do not count); the ratio of each pair of neighbouring blocks, and their median.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.verso.bench.edit.AuthorshipCost [authors] [rounds] [opsPerBlock]</pre>
 */
public final class AuthorshipCost {
  private AuthorshipCost() {}

  public static void main(String[] args) {
    int authors = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int block = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    SequencerBenchmark with = sequencer(true, authors);
    SequencerBenchmark without = sequencer(false, authors);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int warm = 0; warm < 5; warm++) { // JIT first
      time(with, block, cpu);
      time(without, block, cpu);
    }
    double[] ratios = new double[rounds];
    long sumWith = 0;
    long sumWithout = 0;
    for (int r = 0; r < rounds; r++) {
      // alternate which goes first, so a drift in the machine favours neither
      long a;
      long b;
      if (r % 2 == 0) {
        a = time(with, block, cpu);
        b = time(without, block, cpu);
      } else {
        b = time(without, block, cpu);
        a = time(with, block, cpu);
      }
      ratios[r] = (double) a / b;
      sumWith += a;
      sumWithout += b;
    }
    Arrays.sort(ratios);
    System.out.printf("authors=%d rounds=%d opsPerBlock=%d%n", authors, rounds, block);
    System.out.printf("with authorship:    %.3f us CPU/op%n", sumWith / 1e3 / rounds / block);
    System.out.printf("without authorship: %.3f us CPU/op%n", sumWithout / 1e3 / rounds / block);
    System.out.printf("ratio with/without: median %.4f, quartiles %.4f..%.4f, total %.4f%n",
        ratios[rounds / 2], ratios[rounds / 4], ratios[rounds * 3 / 4], (double) sumWith / sumWithout);
  }

  private static SequencerBenchmark sequencer(boolean authorship, int authors) {
    SequencerBenchmark b = new SequencerBenchmark();
    b.behind = 0;
    b.authorship = authorship;
    b.authors = authors;
    b.setUp();
    return b;
  }

  private static long time(SequencerBenchmark b, int ops, ThreadMXBean cpu) {
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < ops; i++) {
      b.submit();
    }
    return cpu.getCurrentThreadCpuTime() - start;
  }
}
