package io.verso.edit;

import io.verso.runtime.DocLog;
import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Doubt about what storage holds, and how a sequencer clears it: after a commit that failed
 * ambiguously (timeout, storage down: it may have landed), or when a client knows a revision beyond
 * ours (a failover race: the old owner's last commit landed after our load), the next request
 * reloads the document from storage first. One reload at a time; requests wait for it. Not
 * thread-safe.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final long STALE_CHECK_EVERY_NANOS = 1_000_000_000L;

  private final String docId;
  private final Supplier<Future<Void>> reload;
  private boolean needed;
  private Future<Void> running;
  private long lastStaleCheck = System.nanoTime() - 2 * STALE_CHECK_EVERY_NANOS;

  /** {@code reload}: loads the document again, installs it and publishes what committed unheard. */
  Recovery(String docId, Supplier<Future<Void>> reload) {
    this.docId = docId;
    this.reload = reload;
  }

  /** The sequencer's memory may be behind storage: reload before the next write. */
  void needed() {
    needed = true;
  }

  /**
   * A client knows {@code clientRev}, beyond {@code headRev}: reload once before answering
   * REV_AHEAD (if another sequencer is still writing, our next commit loses the fence and we step
   * down). At most once a second: a hostile revision must not become a load storm.
   */
  void clientKnows(long clientRev, long headRev, boolean busy) {
    long now = System.nanoTime();
    if (clientRev > headRev && !busy && !needed && now - lastStaleCheck > STALE_CHECK_EVERY_NANOS) {
      lastStaleCheck = now;
      DocLog.with(docId, () -> LOG.info("A client of {} knows rev {} beyond ours ({}): reloading", docId, clientRev,
          headRev));
      needed = true;
    }
  }

  /** Completes once the sequencer may trust its memory (at once when there is no doubt). */
  Future<Void> settled() {
    if (!needed) {
      return Future.succeededFuture();
    }
    if (running == null) {
      running = reload.get().onSuccess(v -> needed = false).eventually(() -> {
        running = null;
        return Future.succeededFuture();
      });
    }
    return running;
  }
}
