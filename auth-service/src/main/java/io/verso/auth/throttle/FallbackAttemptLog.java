package io.verso.auth.throttle;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared log (Redis) with this node's memory behind it. Every attempt the shared log counts is
 * also counted locally, so when the shared log fails or stays silent past {@code timeoutMs} the
 * local one decides at once with this node's recent attempts: an outage neither lets attempts
 * through unthrottled nor blocks logins. While the shared log is down only one call per
 * {@code retryMs} tries it (the rest go straight to memory); the first that succeeds brings it
 * back. One warning per outage, one line when it ends.
 */
public final class FallbackAttemptLog implements AttemptLog {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackAttemptLog.class);
  public static final long DEFAULT_TIMEOUT_MS = 500;
  public static final long DEFAULT_RETRY_MS = 1000;

  private final AttemptLog shared;
  private final MemoryAttemptLog local;
  private final long timeoutMs;
  private final long retryMs;
  private final LongSupplier clock;
  private boolean down;
  private long retryAt;
  private long failures;

  public FallbackAttemptLog(AttemptLog shared, MemoryAttemptLog local, long timeoutMs, long retryMs,
                            LongSupplier clock) {
    this.shared = shared;
    this.local = local;
    this.timeoutMs = timeoutMs;
    this.retryMs = retryMs;
    this.clock = clock;
  }

  @Override
  public Future<Long> peek(long now, List<Limit> limits) {
    if (!tryShared()) {
      return local.peek(now, limits);
    }
    return guarded(shared.peek(now, limits)).recover(t -> local.peek(now, limits));
  }

  @Override
  public Future<Long> take(long now, List<Limit> limits) {
    if (!tryShared()) {
      return local.take(now, limits);
    }
    return guarded(shared.take(now, limits))
        .map(wait -> {
          if (wait == 0) {
            local.add(now, limits);
          }
          return wait;
        })
        .recover(t -> local.take(now, limits));
  }

  @Override
  public Future<Void> add(long now, List<Limit> limits) {
    local.add(now, limits);
    return tryShared() ? guarded(shared.add(now, limits)).otherwiseEmpty() : Future.succeededFuture();
  }

  @Override
  public Future<Void> dropNewest(List<String> keys) {
    local.dropNewest(keys);
    return tryShared() ? guarded(shared.dropNewest(keys)).otherwiseEmpty() : Future.succeededFuture();
  }

  @Override
  public Future<Void> clear(String key) {
    local.clear(key);
    return tryShared() ? guarded(shared.clear(key)).otherwiseEmpty() : Future.succeededFuture();
  }

  @Override
  public void sweep(long now) {
    local.sweep(now);
  }

  /** False while the shared log is down, except for one call per retry interval. */
  private synchronized boolean tryShared() {
    if (!down) {
      return true;
    }
    long now = clock.getAsLong();
    if (now < retryAt) {
      return false;
    }
    retryAt = now + retryMs;
    return true;
  }

  private <T> Future<T> guarded(Future<T> call) {
    return call.timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(r -> markUp())
        .onFailure(this::markDown);
  }

  private synchronized void markDown(Throwable cause) {
    failures++;
    retryAt = clock.getAsLong() + retryMs;
    if (!down) {
      down = true;
      LOG.warn("Login and sign-up throttling: Redis unreachable ({}); counting this node's attempts alone "
          + "until it answers again", String.valueOf(cause.getMessage()));
    }
  }

  private synchronized void markUp() {
    if (down) {
      down = false;
      LOG.info("Login and sign-up throttling: Redis answers again after {} failed calls; attempts are "
          + "counted across nodes again", failures);
      failures = 0;
    }
  }
}
