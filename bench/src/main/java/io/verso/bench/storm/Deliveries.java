package io.verso.bench.storm;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * Every remote delivery measured during a run, kept whole (a run has a few hundred thousand) so that
 * windows and client groups are chosen afterwards: when it arrived, in which document, the nodes sender
 * and receiver were first connected to (the kill's victim is chosen later), and its latency from the
 * sender's submit.
 */
final class Deliveries {
  private long[] at = new long[1 << 16];
  private int[] doc = new int[1 << 16];
  private int[] micros = new int[1 << 16];
  private byte[] nodes = new byte[1 << 16]; // sender's first node × 16 + receiver's
  private int size;

  synchronized void add(long atNanos, int docIndex, int senderNode, int receiverNode, long latencyMicros) {
    if (size == at.length) {
      at = Arrays.copyOf(at, size * 2);
      doc = Arrays.copyOf(doc, size * 2);
      micros = Arrays.copyOf(micros, size * 2);
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    at[size] = atNanos;
    doc[size] = docIndex;
    micros[size] = (int) Math.min(Integer.MAX_VALUE, Math.max(1, latencyMicros));
    nodes[size] = (byte) (senderNode * 16 + receiverNode);
    size++;
  }

  /**
   * The latencies (µs) of deliveries that arrived in [from, to) (nanoTime) in the documents {@code docs}
   * accepts, between clients neither of which was first on node {@code excluded} (-1: all).
   */
  synchronized Histogram histogram(long from, long to, int excluded, IntPredicate docs) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < size; i++) {
      if (at[i] >= from && at[i] < to && (excluded < 0 || (nodes[i] >> 4 != excluded && (nodes[i] & 15) != excluded)) && docs.test(doc[i])) {
        h.recordValue(micros[i]);
      }
    }
    return h;
  }
}
