package io.verso.bench.edit;

import io.verso.edit.comments.CommentRoom;
import io.verso.edit.comments.CommentStorage;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a document's comments add to each committed op: the comment room hearing one op
 * ({@link CommentRoom#committed}) with {@code threads} threads on a 10,000-character document — the
 * op's length change, and with threads its delta parsed once and every anchor moved. One op per
 * invocation, a one-character insert then a one-character delete at pseudo-random places (the
 * document keeps its size). Storage is an in-memory stand-in that answers at once (its writes are
 * not what is measured: an anchor save every 500 ops is a single request).
 *
 * <pre>java -jar bench/target/benchmarks.jar CommentRoomBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommentRoomBenchmark {
  private static final int DOC_CHARS = 10_000;
  private static final int OPS = 4096;

  /** Threads on the document (1,000 is the per-document cap). */
  @Param({"0", "100", "1000"})
  public int threads;

  private CommentRoom room;
  private final List<JsonArray> ops = new ArrayList<>();
  private long rev;

  @Setup
  public void setUp() {
    Random rnd = new Random(7);
    List<CommentThread> list = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = rnd.nextInt(DOC_CHARS - 20);
      list.add(new CommentThread(String.format("thread-%016d", i), 0, index, 1 + rnd.nextInt(19), false, false,
          null, null, List.of(new Comment(String.format("comment-%015d", i), "u", "User", "a note", 0, null))));
    }
    room = new CommentRoom("bench-doc", new Stored(list),
        from -> Future.succeededFuture(new CommentRoom.OpSource.Page(List.of(), false)), event -> { }, 1, 1);
    room.load(0, DOC_CHARS);
    for (int i = 0; i < OPS; i++) {
      int at = rnd.nextInt(DOC_CHARS - 1);
      JsonArray op = new JsonArray();
      if (at > 0) {
        op.add(new JsonObject().put("retain", at));
      }
      op.add(i % 2 == 0 ? new JsonObject().put("insert", "x") : new JsonObject().put("delete", 1));
      ops.add(op);
    }
  }

  @Benchmark
  public long hearOneOp() {
    rev++;
    room.committed(new OpEvent(rev, ops.get((int) (rev % OPS)), "bench-client", rev, "u", 0));
    return rev;
  }

  /** The threads a room loads, and writes that succeed at once. */
  private record Stored(List<CommentThread> threads) implements CommentStorage {
    @Override
    public Future<List<CommentThread>> load(String docId) {
      return Future.succeededFuture(threads);
    }

    @Override
    public Future<Void> createThread(String docId, CommentThread thread) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> addComment(String docId, String threadId, Comment comment) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> editComment(String docId, String threadId, String commentId, String text, long editedTs) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> deleteComment(String docId, String threadId, String commentId) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> deleteThread(String docId, String threadId) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, long ts) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> saveAnchors(String docId, long rev, Collection<CommentThread> threads) {
      return Future.succeededFuture();
    }
  }
}
