package io.verso.bench.edit;

import io.verso.edit.DocStore;
import io.verso.edit.EditConfig;
import io.verso.edit.Sequencer;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.edit.SubmitReply;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.delta.Delta;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sequencer's in-process submit path without storage: parse and validate the op (DeltaJson,
 * OpPolicy), transform it against the ops committed since its baseRev ({@code behind} of them, from
 * the window), sequence, "commit" to a store that succeeds at once, apply to the server document
 * (10 000 characters), build the event. One op per invocation, alternating a one-character insert
 * and a one-character delete at pseudo-random positions so the document keeps its size.
 *
 * <p>{@code authorship}: the sequencer keeps who wrote each character (the default) or not
 * ({@code edit.authorship=false}, which exists for this comparison); {@code authors}: the ops come
 * from one user or from several taking turns op by op (each with its own client id), the harder
 * case for authorship (no two neighbouring ops of one author merge).
 *
 * <pre>java -jar bench/target/benchmarks.jar SequencerBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SequencerBenchmark {
  private static final int DOC_CHARS = 10_000;
  private static final int OPS = 4096;
  private static final String CLIENT = "bench-client-00000000000";

  /** How many committed ops the submitted op must be transformed against. */
  @Param({"0", "10", "100"})
  public int behind;

  /** Whether the sequencer keeps authorship (the cost it adds is the comparison). */
  @Param({"true", "false"})
  public boolean authorship;

  /** How many users take turns, op by op. */
  @Param({"1", "4"})
  public int authors;

  private Sequencer sequencer;
  private final JsonArray[] ops = new JsonArray[OPS];
  private long seq;

  /** A store whose every call succeeds at once: measures the sequencer, not PostgreSQL. */
  private static final class InstantStore implements DocStore {
    private final JsonArray content;

    InstantStore(JsonArray content) {
      this.content = content;
    }

    @Override
    public Future<Loaded> load(String docId) {
      return Future.succeededFuture(new Loaded("bench", 0, 0, content, List.of(), Map.of()));
    }

    @Override
    public Future<Long> append(String docId, List<OpEvent> events) {
      return Future.succeededFuture(events.get(events.size() - 1).rev());
    }

    @Override
    public Future<List<OpEvent>> range(String docId, long fromExclusive, long toInclusive, int limit, long maxBytes) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Long> findRev(String docId, String userId, String clientId, long seq) {
      return Future.failedFuture("not kept");
    }

    @Override
    public Future<Void> saveSnapshot(String docId, long rev, JsonArray snapshot, JsonArray runs) {
      return Future.succeededFuture();
    }

    @Override
    public Future<String> title(String docId) {
      return Future.succeededFuture("bench");
    }
  }

  private static final Sequencer.Listener QUIET = new Sequencer.Listener() {
    @Override
    public void committed(String docId, OpEvent event) {
    }

    @Override
    public void steppedDown(String docId, String reason) {
      throw new IllegalStateException("stepped down: " + reason);
    }
  };

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder text = new StringBuilder(DOC_CHARS);
    Random rnd = new Random(42);
    while (text.length() < DOC_CHARS - 1) {
      text.append(rnd.nextInt(8) == 0 ? ' ' : (char) ('a' + rnd.nextInt(26)));
    }
    text.append('\n');
    sequencer = sequencer(text.toString(), authorship);
    for (int i = 0; i < OPS; i++) {
      int pos = rnd.nextInt(DOC_CHARS - 100);
      Delta op = i % 2 == 0
          ? Delta.builder().retain(pos).insert(String.valueOf((char) ('a' + rnd.nextInt(26))),
              rnd.nextInt(4) == 0 ? Map.of("bold", true) : null).build()
          : Delta.builder().retain(pos).delete(1).build();
      ops[i] = DeltaJson.toJson(op);
    }
    // fill the window so that every baseRev up to `behind` back is transformable
    for (int i = 0; i < 1000; i++) {
      submit();
    }
  }

  /**
   * A loaded sequencer of one document holding {@code text}, committing to a store that succeeds at
   * once, without snapshots or rate limits; {@code authorship}: whether it keeps who wrote what.
   */
  static Sequencer sequencer(String text, boolean authorship) {
    JsonArray content = DeltaJson.toJson(Delta.builder().insert(text).build());
    EditConfig config = EditConfig.from(new JsonObject().put("edit", new JsonObject()
        .put("snapshotEvery", Integer.MAX_VALUE).put("window", 1000)
        .put("opsPerSecond", 1e12).put("opsBurst", Integer.MAX_VALUE).put("authorship", authorship)));
    Sequencer s = new Sequencer("bench-doc", new InstantStore(content), config, QUIET);
    s.load().result();
    return s;
  }

  /** Submits {@code req} by {@code userId}, which must complete at once (the store does). */
  static SubmitReply submitNow(Sequencer s, SubmitRequest req, String userId) {
    Future<SubmitReply> reply = s.submit(req, userId);
    if (!reply.succeeded()) {
      throw new IllegalStateException("submit did not complete at once: " + reply.cause());
    }
    return reply.result();
  }

  @Benchmark
  public SubmitReply submit() {
    long head = sequencer.committedRev();
    seq++;
    int author = (int) (seq % authors);
    SubmitRequest req = new SubmitRequest(CLIENT + author, seq, Math.max(0, head - behind), ops[(int) (seq % OPS)]);
    return submitNow(sequencer, req, "bench-user-" + author);
  }
}
