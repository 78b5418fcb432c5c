package io.verso.bench.edit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * What keeping authorship adds to the sequencer's per-op cost, measured so that a loaded machine
 * does not drown it: two {@link SequencerBenchmark} sequencers, with and without authorship, in one
 * JVM, submitting alternately in blocks, each block timed in this thread's CPU time (other
 * processes do not count); the ratio of each pair of neighbouring blocks, and their median.
 * {@link AuthorshipTraceCost} does the same on the automerge-paper trace.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.verso.bench.edit.AuthorshipCost [authors] [rounds] [opsPerBlock]</pre>
 */
public final class AuthorshipCost {
  private AuthorshipCost() {}

  /** CPU nanoseconds of each side's blocks, and the ratio with/without of each pair. */
  record Result(double[] ratios, long with, long without) {
    Result plus(Result o) {
      double[] all = Arrays.copyOf(ratios, ratios.length + o.ratios.length);
      System.arraycopy(o.ratios, 0, all, ratios.length, o.ratios.length);
      return new Result(all, with + o.with, without + o.without);
    }

    /** Prints the per-op CPU time of each side over {@code ops} ops, and the ratios' quartiles. */
    void print(long ops) {
      double[] sorted = ratios.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      System.out.printf("with authorship:    %.3f us CPU/op%n", with / 1e3 / ops);
      System.out.printf("without authorship: %.3f us CPU/op%n", without / 1e3 / ops);
      System.out.printf("ratio with/without over %d pairs: median %.4f, quartiles %.4f..%.4f, total %.4f%n",
          n, sorted[n / 2], sorted[n / 4], sorted[n * 3 / 4], (double) with / without);
    }
  }

  public static void main(String[] args) {
    int authors = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int block = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    SequencerBenchmark with = sequencer(true, authors);
    SequencerBenchmark without = sequencer(false, authors);
    IntConsumer withBlock = r -> submit(with, block);
    IntConsumer withoutBlock = r -> submit(without, block);
    compare(withBlock, withoutBlock, 5); // JIT first
    Result result = compare(withBlock, withoutBlock, rounds);
    System.out.printf("authors=%d rounds=%d opsPerBlock=%d%n", authors, rounds, block);
    result.print((long) rounds * block);
  }

  /**
   * Runs blocks 0 … rounds-1 of both sides (a side runs block r when given r), alternating which
   * goes first so that a drift in the machine favours neither, each timed in this thread's CPU time.
   */
  static Result compare(IntConsumer with, IntConsumer without, int rounds) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] ratios = new double[rounds];
    long sumWith = 0;
    long sumWithout = 0;
    for (int r = 0; r < rounds; r++) {
      long a;
      long b;
      if (r % 2 == 0) {
        a = time(with, r, cpu);
        b = time(without, r, cpu);
      } else {
        b = time(without, r, cpu);
        a = time(with, r, cpu);
      }
      ratios[r] = (double) a / b;
      sumWith += a;
      sumWithout += b;
    }
    return new Result(ratios, sumWith, sumWithout);
  }

  private static SequencerBenchmark sequencer(boolean authorship, int authors) {
    SequencerBenchmark b = new SequencerBenchmark();
    b.behind = 0;
    b.authorship = authorship;
    b.authors = authors;
    b.setUp();
    return b;
  }

  private static void submit(SequencerBenchmark b, int ops) {
    for (int i = 0; i < ops; i++) {
      b.submit();
    }
  }

  private static long time(IntConsumer block, int r, ThreadMXBean cpu) {
    long start = cpu.getCurrentThreadCpuTime();
    block.accept(r);
    return cpu.getCurrentThreadCpuTime() - start;
  }
}
