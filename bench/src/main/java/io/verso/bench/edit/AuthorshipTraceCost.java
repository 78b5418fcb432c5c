package io.verso.bench.edit;

import io.verso.bench.history.AuthorshipBenchmark;
import io.verso.bench.history.HistoryBenchmark;
import io.verso.bench.trace.Trace;
import io.verso.delta.Delta;
import io.verso.edit.Sequencer;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * {@link AuthorshipCost} on the real history the target is quoted for: the whole automerge-paper
 * trace (259,778 patches, one op each) replayed through two sequencers, with and without
 * authorship, from the trace's start content. Four users take turns of 1–400 ops (as in the history
 * benchmarks), each op submitted at the head by its turn's user with that user's client id. The
 * two sequencers replay the trace in the same blocks, alternately, each block timed in this
 * thread's CPU time; one replay warms the JIT, then every replay starts from two fresh sequencers.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.verso.bench.edit.AuthorshipTraceCost [replays] [opsPerBlock]</pre>
 */
public final class AuthorshipTraceCost {
  private AuthorshipTraceCost() {}

  public static void main(String[] args) {
    int replays = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Trace trace = HistoryBenchmark.automergePaper();
    Delta[] deltas = AuthorshipBenchmark.ops(trace);
    JsonArray[] ops = new JsonArray[deltas.length];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = DeltaJson.toJson(deltas[i]);
    }
    String[] users = HistoryBenchmark.users(ops.length, 4, new Random(7));
    replay(trace, ops, users, block); // JIT first
    System.out.printf("automerge-paper: %d ops, 4 authors in turns of 1-400 ops, %d replays, opsPerBlock=%d%n",
        ops.length, replays, block);
    AuthorshipCost.Result all = null;
    for (int i = 0; i < replays; i++) {
      AuthorshipCost.Result one = replay(trace, ops, users, block);
      System.out.printf("replay %d: total ratio %.4f%n", i + 1, (double) one.with() / one.without());
      all = all == null ? one : all.plus(one);
    }
    all.print((long) replays * ops.length);
  }

  private static AuthorshipCost.Result replay(Trace trace, JsonArray[] ops, String[] users, int block) {
    // A rich-text document ends with a newline, the trace's text does not: every op stays before it.
    String start = trace.startContent + "\n";
    Replay with = new Replay(start, true, ops, users, block);
    Replay without = new Replay(start, false, ops, users, block);
    int rounds = (ops.length + block - 1) / block;
    AuthorshipCost.Result result = AuthorshipCost.compare(with::run, without::run, rounds);
    with.checkReplayed();
    without.checkReplayed();
    return result;
  }

  /** One sequencer replaying the trace, block by block; each user's seq counts its own ops. */
  private static final class Replay {
    private final Sequencer sequencer;
    private final JsonArray[] ops;
    private final String[] users;
    private final String[] clients;
    private final long[] seqs;
    private final int block;

    Replay(String start, boolean authorship, JsonArray[] ops, String[] users, int block) {
      this.sequencer = SequencerBenchmark.sequencer(start, authorship);
      this.ops = ops;
      this.users = users;
      this.block = block;
      this.clients = new String[users.length];
      this.seqs = new long[users.length];
      Map<String, Long> seqOf = new HashMap<>();
      for (int i = 0; i < users.length; i++) {
        clients[i] = ("client-" + users[i]).intern();
        seqs[i] = seqOf.merge(users[i], 1L, Long::sum);
      }
    }

    void run(int round) {
      int end = Math.min(ops.length, (round + 1) * block);
      for (int i = round * block; i < end; i++) {
        SequencerBenchmark.submitNow(sequencer,
            new SubmitRequest(clients[i], seqs[i], sequencer.committedRev(), ops[i]), users[i]);
      }
    }

    /** Every op committed (each one was validated against the document as the trace went). */
    void checkReplayed() {
      if (sequencer.committedRev() != ops.length) {
        throw new IllegalStateException("committed " + sequencer.committedRev() + " of " + ops.length);
      }
    }
  }
}
