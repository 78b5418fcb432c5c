package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.AppendResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.StorageStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Group commit of appends. Requests that arrive while a transaction is in flight wait in a queue and
 * all go into the next transaction (capped at {@code maxBatchOps} ops). Inside it, contiguous requests
 * of one document form a chain that shares one compare-and-set of {@code documents.head_rev}; the
 * heads of all chains move in one statement and all their ops go in one multi-row insert (unnest
 * arrays). Chains whose CAS failed, and requests that did not extend their document's chain, are
 * then tried one by one under savepoints, so a conflict or duplicate fails exactly its own request.
 * Every requester is answered after the transaction's outcome is known (success only after COMMIT).
 *
 * <p>With {@code groupCommit=false} every request runs alone in its own transaction (the baseline).
 * All state is confined to one Vert.x context.
 */
final class GroupCommitter {
  private final Db db;
  private final Vertx vertx;
  private final Context context;
  private final boolean group;
  private final int maxBatchOps;
  private final long maxAppendBytes;
  private final long stuckAfterMs;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean inFlight;

  private long transactions;
  private long appendRequests;
  private long appendedOps;
  private long conflicts;
  private long duplicates;
  private long maxBatch;

  GroupCommitter(Vertx vertx, Db db, boolean group, int maxBatchOps) {
    this(vertx, db, group, maxBatchOps, 4L << 20, 5_000);
  }

  /**
   * @param maxAppendBytes the largest request (sum of its encoded ops) accepted; larger is TOO_LARGE
   * @param stuckAfterMs how long the next batch waits for a transaction the breaker already timed out
   *     before it starts anyway (safe: the head CAS fences overlapping transactions)
   */
  GroupCommitter(Vertx vertx, Db db, boolean group, int maxBatchOps, long maxAppendBytes, long stuckAfterMs) {
    this.db = db;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.group = group;
    this.maxBatchOps = maxBatchOps;
    this.maxAppendBytes = maxAppendBytes;
    this.stuckAfterMs = stuckAfterMs;
  }

  Future<AppendResult> append(AppendRequest request) {
    String[] encoded = new String[request.ops().size()];
    long bytes = 0;
    try {
      for (int i = 0; i < encoded.length; i++) {
        encoded[i] = request.ops().get(i).ops().encode();
        bytes += encoded[i].length();
      }
    } catch (RuntimeException e) { // a value JSON cannot encode (only possible on a local send)
      return Future.failedFuture(new VersoException(ErrorCode.BAD_REQUEST, "ops are not valid JSON"));
    }
    if (bytes > maxAppendBytes) {
      return Future.failedFuture(new VersoException(ErrorCode.TOO_LARGE,
          "append of " + bytes + " characters is over the limit of " + maxAppendBytes));
    }
    Promise<AppendResult> promise = Promise.promise();
    Pending p = new Pending(request, encoded, promise);
    if (Vertx.currentContext() == context) {
      enqueue(p);
    } else {
      context.runOnContext(v -> enqueue(p));
    }
    return promise.future();
  }

  /** Counters since start (read on any thread: a racy but harmless snapshot). */
  StorageStats stats() {
    return new StorageStats(transactions, appendRequests, appendedOps, conflicts, duplicates, maxBatch);
  }

  private void enqueue(Pending p) {
    appendRequests++;
    if (!group) {
      commit(List.of(p), null);
      return;
    }
    queue.add(p);
    drain();
  }

  private void drain() {
    if (inFlight || queue.isEmpty()) {
      return;
    }
    List<Pending> batch = new ArrayList<>();
    int ops = 0;
    while (!queue.isEmpty() && (batch.isEmpty() || ops + queue.peek().request.ops().size() <= maxBatchOps)) {
      Pending p = queue.poll();
      ops += p.request.ops().size();
      batch.add(p);
    }
    inFlight = true;
    Promise<Void> settled = Promise.promise();
    long timer = vertx.setTimer(stuckAfterMs, t -> settled.tryComplete());
    commit(batch, settled);
    settled.future().onComplete(v -> {
      vertx.cancelTimer(timer);
      inFlight = false;
      drain();
    });
  }

  /**
   * Commits one batch and answers every request in it. {@code settled} (when given) completes once no
   * transaction of this batch is running any more (which may be after the answers, when the breaker
   * timed a transaction out).
   */
  private void commit(List<Pending> batch, Promise<Void> settled) {
    maxBatch = Math.max(maxBatch, batch.size());
    transactions++;
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    db.tx(conn -> fastPath(conn, batch), first)
        .recover(t -> {
          if (t instanceof VersoException || Db.isInfrastructure(t)) {
            second.tryComplete();
            return Future.failedFuture(t);
          }
          // A bulk insert hit a key (a duplicate at a new rev, or a taken rev): redo request by request
          // under savepoints, once the failed transaction has given its connection back.
          for (Pending p : batch) {
            p.outcome = null;
          }
          transactions++;
          return first.future().compose(v -> db.tx(conn -> oneByOne(conn, batch, batch), second));
        })
        .onSuccess(v -> second.tryComplete())
        .onComplete(ar -> answer(batch, ar.succeeded() ? null : Db.translate(ar.cause())));
    if (settled != null) {
      Future.all(first.future(), second.future()).onComplete(v -> settled.tryComplete());
    }
  }

  private void answer(List<Pending> batch, Throwable txFailure) {
    for (Pending p : batch) {
      if (txFailure != null) {
        p.promise.fail(txFailure);
      } else if (p.outcome instanceof VersoException e) {
        if (e.code() == ErrorCode.DUPLICATE) {
          duplicates++;
        } else if (e.code() == ErrorCode.CONFLICT) {
          conflicts++;
        }
        p.promise.fail(e);
      } else if (p.outcome == Boolean.TRUE) {
        appendedOps += p.request.ops().size();
        p.promise.complete(new AppendResult(p.request.lastRev()));
      } else {
        p.promise.fail(new VersoException(ErrorCode.INTERNAL, "append outcome unknown"));
      }
    }
  }

  /** One CAS statement for every document's chain, one insert for all their ops, then the rest one by one. */
  private Future<Void> fastPath(SqlConnection conn, List<Pending> batch) {
    Map<String, List<Pending>> chains = new LinkedHashMap<>();
    List<Pending> leftovers = new ArrayList<>();
    for (Pending p : batch) {
      List<Pending> chain = chains.get(p.request.docId());
      if (chain == null) {
        chain = new ArrayList<>();
        chains.put(p.request.docId(), chain);
        chain.add(p);
      } else if (chain.get(chain.size() - 1).request.lastRev() + 1 == p.request.firstRev()) {
        chain.add(p);
      } else {
        leftovers.add(p);
      }
    }
    int n = chains.size();
    String[] ids = new String[n];
    Long[] expected = new Long[n];
    Long[] last = new Long[n];
    int i = 0;
    for (Map.Entry<String, List<Pending>> e : chains.entrySet()) {
      List<Pending> chain = e.getValue();
      ids[i] = e.getKey();
      expected[i] = chain.get(0).request.firstRev() - 1;
      last[i] = chain.get(chain.size() - 1).request.lastRev();
      i++;
    }
    return conn.preparedQuery(Sql.CAS_HEADS).execute(Tuple.of(ids, expected, last)).compose(rows -> {
      Set<String> moved = new HashSet<>();
      for (Row r : rows) {
        moved.add(r.getString(0));
      }
      List<Pending> applied = new ArrayList<>();
      List<Pending> retry = new ArrayList<>();
      for (Map.Entry<String, List<Pending>> e : chains.entrySet()) {
        (moved.contains(e.getKey()) ? applied : retry).addAll(e.getValue());
      }
      retry.addAll(leftovers);
      Future<Void> inserted = applied.isEmpty() ? Future.succeededFuture() : insert(conn, applied);
      return inserted.compose(v -> {
        for (Pending p : applied) {
          p.outcome = Boolean.TRUE;
        }
        return oneByOne(conn, batch, retry);
      });
    });
  }

  /** Tries each request alone under a savepoint, in batch order; records each outcome. */
  private Future<Void> oneByOne(SqlConnection conn, List<Pending> batch, List<Pending> todo) {
    Set<Pending> wanted = new HashSet<>(todo);
    Future<Void> chain = Future.succeededFuture();
    for (Pending p : batch) {
      if (wanted.contains(p)) {
        chain = chain.compose(v -> single(conn, p));
      }
    }
    return chain;
  }

  private Future<Void> single(SqlConnection conn, Pending p) {
    AppendRequest r = p.request;
    return conn.query(Sql.SAVEPOINT).execute()
        .compose(v -> conn.preparedQuery(Sql.CAS_HEAD).execute(Tuple.of(r.docId(), r.firstRev() - 1, r.lastRev())))
        .compose(rs -> rs.rowCount() == 1
            ? insert(conn, List.of(p)).map((Object) Boolean.TRUE)
            : Future.succeededFuture((Object) Boolean.FALSE))
        .recover(t -> {
          if (Db.isUniqueViolation(t)) {
            return Future.succeededFuture(Boolean.FALSE);
          }
          String state = Db.sqlState(t);
          if (state != null && state.startsWith("22")) { // data exception, e.g. a NUL character in jsonb
            return Future.succeededFuture(new VersoException(ErrorCode.BAD_REQUEST,
                "ops cannot be stored: " + t.getMessage()));
          }
          return Future.failedFuture(t);
        })
        .compose(result -> {
          if (result == Boolean.TRUE) {
            p.outcome = Boolean.TRUE;
            return conn.query(Sql.RELEASE_SAVEPOINT).execute().mapEmpty();
          }
          return conn.query(Sql.ROLLBACK_TO_SAVEPOINT).execute()
              .compose(v -> result instanceof VersoException e ? Future.succeededFuture(e) : classify(conn, r))
              .map(failure -> {
                p.outcome = failure;
                return null;
              });
        });
  }

  /** Why a request could not be applied: DUPLICATE (with the original rev), NOT_FOUND or CONFLICT. */
  private static Future<VersoException> classify(SqlConnection conn, AppendRequest r) {
    String[] clients = new String[r.ops().size()];
    Long[] seqs = new Long[r.ops().size()];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = r.ops().get(i).clientId();
      seqs[i] = r.ops().get(i).seq();
    }
    return conn.preparedQuery(Sql.FIND_DUPLICATES).execute(Tuple.of(r.docId(), clients, seqs)).compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(AppendFailures.duplicate(rows.iterator().next().getLong(0)));
      }
      return conn.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(r.docId())).map(doc -> doc.size() == 0
          ? AppendFailures.noDocument(r.docId())
          : AppendFailures.conflict(r.docId(), r.firstRev()));
    });
  }

  private static Future<Void> insert(SqlConnection conn, List<Pending> requests) {
    int n = 0;
    for (Pending p : requests) {
      n += p.request.ops().size();
    }
    String[] docs = new String[n];
    Long[] revs = new Long[n];
    String[] clients = new String[n];
    Long[] seqs = new Long[n];
    String[] users = new String[n];
    Long[] ts = new Long[n];
    String[] ops = new String[n];
    int i = 0;
    for (Pending p : requests) {
      for (int k = 0; k < p.request.ops().size(); k++) {
        OpRecord op = p.request.ops().get(k);
        docs[i] = p.request.docId();
        revs[i] = op.rev();
        clients[i] = op.clientId();
        seqs[i] = op.seq();
        users[i] = op.userId();
        ts[i] = op.ts();
        ops[i] = p.encoded[k];
        i++;
      }
    }
    return conn.preparedQuery(Sql.INSERT_OPS)
        .execute(Tuple.tuple().addValue(docs).addValue(revs).addValue(clients).addValue(seqs)
            .addValue(users).addValue(ts).addValue(ops))
        .mapEmpty();
  }

  private static final class Pending {
    final AppendRequest request;
    final String[] encoded;
    final Promise<AppendResult> promise;
    /** TRUE when applied in the current transaction, a VersoException when refused, null when not yet known. */
    Object outcome;

    Pending(AppendRequest request, String[] encoded, Promise<AppendResult> promise) {
      this.request = request;
      this.encoded = encoded;
      this.promise = promise;
    }
  }
}
