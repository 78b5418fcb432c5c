package io.verso.auth;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Password hashes on a worker pool, with a bound on how many may wait for a thread: beyond
 * {@code maxWaiting}, a new hash is refused at once with UNAVAILABLE and a {@code retry after N s}
 * estimated from recent hash times, instead of joining a queue that only grows (each hash holds
 * about 20 MiB and 100+ ms of a core). Sign-ups and logins get a queue and pool each, so a burst of
 * sign-ups never delays a login.
 */
public final class HashingQueue {
  /** Assumed cost of one hash until one has been measured. */
  private static final long INITIAL_ESTIMATE_NANOS = 200_000_000L;

  private final WorkerExecutor pool;
  private final int threads;
  private final int maxWaiting;
  private final String busy;
  private int pending;
  private long averageNanos = INITIAL_ESTIMATE_NANOS;

  /** {@code busy}: the reason in the refusal's message, e.g. "too many sign-ups at once". */
  public HashingQueue(WorkerExecutor pool, int threads, int maxWaiting, String busy) {
    this.pool = pool;
    this.threads = threads;
    this.maxWaiting = maxWaiting;
    this.busy = busy;
  }

  /** Runs {@code hash} on the pool, or fails UNAVAILABLE (with the seconds to wait) when too many are waiting. */
  public <T> Future<T> submit(Callable<T> hash) {
    synchronized (this) {
      if (pending - threads >= maxWaiting) {
        long nanos = (pending + 1) * averageNanos / threads;
        return Future.failedFuture(ErrorCode.UNAVAILABLE.exception(
            RetryAfter.message(busy, RetryAfter.secondsOf(nanos / 1_000_000))));
      }
      pending++;
    }
    return pool.<T>executeBlocking(() -> {
      long start = System.nanoTime();
      try {
        return hash.call();
      } finally {
        measured(System.nanoTime() - start);
      }
    }, false).onComplete(ar -> done());
  }

  /** Hashes accepted and not yet finished (running or waiting). */
  public synchronized int pending() {
    return pending;
  }

  private synchronized void done() {
    pending--;
  }

  private synchronized void measured(long nanos) {
    averageNanos = (averageNanos * 7 + nanos) / 8;
  }
}
