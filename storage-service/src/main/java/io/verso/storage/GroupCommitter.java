package io.verso.storage;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Group commit of appends. Requests wait in a queue while batches are committing; each new batch
 * takes all queued requests it may (capped at {@code maxBatchOps} ops). Up to
 * {@code maxBatchesInFlight} batches commit at once, on disjoint documents. In a batch, contiguous
 * requests of one document form a chain that shares one compare-and-set of
 * {@code documents.head_rev}; ONE auto-committed statement moves the heads of all chains and
 * inserts all their ops (unnest arrays). Chains whose CAS failed, and requests that did not extend
 * their document's chain, are then tried one by one under savepoints in a second transaction, so a
 * conflict or duplicate fails exactly its own request. Every requester is answered after its
 * commit (success only once committed).
 *
 * <p>With {@code groupCommit=false} every request runs alone (one statement, its own transaction):
 * the baseline. All state is confined to one Vert.x context.
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
  private final int maxBatchesInFlight;
  /** Documents with a request in a running batch. */
  private final Set<String> busyDocs = new HashSet<>();
  private int batchesInFlight;

  private long transactions;
  /** Append requests per group commit, in Micrometer's global registry (exported by the app). */
  private static final DistributionSummary BATCH_REQUESTS = DistributionSummary
      .builder("verso.storage.commit.batch.requests")
      .description("append requests committed together in one transaction (group commit)")
      .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(1000.0)
      .register(Metrics.globalRegistry);
  private long appendRequests;
  private long appendedOps;
  private long conflicts;
  private long duplicates;
  private long maxBatch;

  GroupCommitter(Vertx vertx, Db db, boolean group, int maxBatchOps) {
    this(vertx, db, group, maxBatchOps, 1, 4L << 20, 5_000);
  }

  /**
   * @param maxBatchesInFlight how many batches (of disjoint documents) may commit at the same time
   * @param maxAppendBytes the largest request (sum of its encoded ops) accepted; larger is TOO_LARGE
   * @param stuckAfterMs how long the next batch waits for a transaction the breaker already timed out
   *     before it starts anyway (safe: the head CAS fences overlapping transactions)
   */
  GroupCommitter(Vertx vertx, Db db, boolean group, int maxBatchOps, int maxBatchesInFlight, long maxAppendBytes,
      long stuckAfterMs) {
    this.db = db;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.group = group;
    this.maxBatchOps = maxBatchOps;
    this.maxBatchesInFlight = maxBatchesInFlight;
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

  /**
   * Starts batches while fewer than {@code maxBatchesInFlight} are running. A batch takes queued
   * requests in arrival order, skipping documents that are in a running batch (their requests wait,
   * in order, for it to end): concurrent batches never share a document, so they never wait on each
   * other's row locks and a document's appends are committed in order.
   */
  private void drain() {
    while (batchesInFlight < maxBatchesInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      Set<String> docs = new HashSet<>();
      int ops = 0;
      for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        String doc = p.request.docId();
        if (busyDocs.contains(doc)) {
          continue;
        }
        int n = p.request.ops().size();
        if (!batch.isEmpty() && ops + n > maxBatchOps) {
          break;
        }
        it.remove();
        batch.add(p);
        docs.add(doc);
        ops += n;
      }
      if (batch.isEmpty()) {
        return; // everything queued waits for a running batch
      }
      busyDocs.addAll(docs);
      batchesInFlight++;
      Promise<Void> settled = Promise.promise();
      long timer = vertx.setTimer(stuckAfterMs, t -> settled.tryComplete());
      commit(batch, settled);
      settled.future().onComplete(v -> {
        vertx.cancelTimer(timer);
        busyDocs.removeAll(docs);
        batchesInFlight--;
        drain();
      });
    }
  }

  /**
   * Commits one batch and answers every request in it. {@code settled} (when given) completes once no
   * statement of this batch is running any more (which may be after the answers, when the breaker
   * timed one out).
   *
   * <p>Fast path: ONE auto-committed statement moves the heads of all chains that still match and
   * inserts exactly their ops. The requests it could not apply (head moved, or not part of a chain)
   * then go one by one under savepoints in a second transaction. If the statement fails as a whole
   * (a key was hit: a duplicate at a new rev, a taken rev), nothing of it was written and every
   * request of the batch goes the one-by-one way.
   */
  private void commit(List<Pending> batch, Promise<Void> settled) {
    maxBatch = Math.max(maxBatch, batch.size());
    BATCH_REQUESTS.record(batch.size());
    Plan plan = plan(batch);
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    boolean[] slow = {false};
    transactions++;
    db.run(c -> c.preparedQuery(Sql.APPEND_CHAINS).execute(plan.tuple()), first)
        .compose(
            rows -> {
              Set<String> moved = new HashSet<>();
              for (Row r : rows) {
                moved.add(r.getString(0));
              }
              List<Pending> rest = new ArrayList<>(plan.leftovers);
              for (Map.Entry<String, List<Pending>> e : plan.chains.entrySet()) {
                for (Pending p : e.getValue()) {
                  if (moved.contains(e.getKey())) {
                    p.outcome = Boolean.TRUE;
                    p.committed = true;
                  } else {
                    rest.add(p);
                  }
                }
              }
              if (rest.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              slow[0] = true;
              return slowPath(batch, rest, Future.succeededFuture(), second);
            },
            t -> {
              if (t instanceof VersoException || Db.isInfrastructure(t)) {
                return Future.failedFuture(t);
              }
              // the statement failed as a whole (a key or a value PostgreSQL refuses): nothing was written
              slow[0] = true;
              return slowPath(batch, batch, first.future(), second);
            })
        .onComplete(ar -> {
          if (!slow[0]) {
            second.tryComplete(); // no second transaction (else db.tx settles it when it is really over)
          }
          Throwable failure = ar.succeeded() ? null : Db.translate(ar.cause());
          answer(batch, failure);
          if (failure instanceof VersoException e && e.code() == ErrorCode.UNAVAILABLE
              && !(first.future().isComplete() && second.future().isComplete())) {
            // the database stalls (a statement outlived the breaker timeout): whoever waits behind it
            // gets UNAVAILABLE now rather than after it
            failQueued(e);
          }
        });
    if (settled != null) {
      Future.all(first.future(), second.future()).onComplete(v -> settled.tryComplete());
    }
  }

  /** The requests of {@code todo} one by one under savepoints, in one transaction started after {@code after}. */
  private Future<Void> slowPath(List<Pending> batch, List<Pending> todo, Future<Void> after, Promise<Void> settled) {
    transactions++;
    return after.compose(v -> db.tx(conn -> oneByOne(conn, batch, todo), settled)).map(v -> {
      for (Pending p : todo) {
        if (p.outcome == Boolean.TRUE) {
          p.committed = true;
        }
      }
      return null;
    });
  }

  private void failQueued(VersoException e) {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.promise.fail(e);
    }
  }

  private void answer(List<Pending> batch, Throwable failure) {
    for (Pending p : batch) {
      if (p.committed) {
        appendedOps += p.request.ops().size();
        p.promise.complete(new AppendResult(p.request.lastRev()));
      } else if (failure != null) {
        p.promise.fail(failure);
      } else if (p.outcome instanceof VersoException e) {
        if (e.code() == ErrorCode.DUPLICATE) {
          duplicates++;
        } else if (e.code() == ErrorCode.CONFLICT) {
          conflicts++;
        }
        p.promise.fail(e);
      } else {
        p.promise.fail(new VersoException(ErrorCode.INTERNAL, "append outcome unknown"));
      }
    }
  }

  /** The batch split into per-document chains of contiguous requests (in arrival order) and leftovers. */
  private record Plan(Map<String, List<Pending>> chains, List<Pending> leftovers) {
    /** Parameters of {@link Sql#APPEND_CHAINS}: one CAS per chain, and the ops of every chain. */
    Tuple tuple() {
      int n = chains.size();
      String[] ids = new String[n];
      Long[] expected = new Long[n];
      Long[] last = new Long[n];
      int i = 0;
      List<Pending> all = new ArrayList<>();
      for (Map.Entry<String, List<Pending>> e : chains.entrySet()) {
        List<Pending> chain = e.getValue();
        ids[i] = e.getKey();
        expected[i] = chain.get(0).request.firstRev() - 1;
        last[i] = chain.get(chain.size() - 1).request.lastRev();
        all.addAll(chain);
        i++;
      }
      Tuple t = Tuple.tuple().addValue(ids).addValue(expected).addValue(last);
      for (Object column : opColumns(all)) {
        t.addValue(column);
      }
      return t;
    }
  }

  private static Plan plan(List<Pending> batch) {
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
    return new Plan(chains, leftovers);
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
    String[] users = new String[r.ops().size()];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = r.ops().get(i).clientId();
      seqs[i] = r.ops().get(i).seq();
      users[i] = r.ops().get(i).userId();
    }
    return conn.preparedQuery(Sql.FIND_DUPLICATES).execute(Tuple.of(r.docId(), clients, seqs, users)).compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(AppendFailures.duplicate(rows.iterator().next().getLong(0)));
      }
      return conn.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(r.docId())).map(doc -> doc.size() == 0
          ? AppendFailures.noDocument(r.docId())
          : AppendFailures.conflict(r.docId(), r.firstRev()));
    });
  }

  private static Future<Void> insert(SqlConnection conn, List<Pending> requests) {
    Tuple t = Tuple.tuple();
    for (Object column : opColumns(requests)) {
      t.addValue(column);
    }
    return conn.preparedQuery(Sql.INSERT_OPS).execute(t).mapEmpty();
  }

  /** The ops of the requests as the seven parallel arrays the unnest inserts take. */
  private static Object[] opColumns(List<Pending> requests) {
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
    return new Object[] {docs, revs, clients, seqs, users, ts, ops};
  }

  private static final class Pending {
    final AppendRequest request;
    final String[] encoded;
    final Promise<AppendResult> promise;
    /** TRUE when applied in the current transaction, a VersoException when refused, null when not yet known. */
    Object outcome;
    /** Applied and committed: answered with success whatever happens to the rest of the batch. */
    boolean committed;

    Pending(AppendRequest request, String[] encoded, Promise<AppendResult> promise) {
      this.request = request;
      this.encoded = encoded;
      this.promise = promise;
    }
  }
}
