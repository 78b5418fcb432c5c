package io.verso.auth.throttle;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The attempts of one node, in its memory: per key the times of its recent attempts, oldest first.
 * A key holds at most its limit's {@code max} times and is forgotten by {@link #sweep} once they
 * have all left the window, so memory stays bounded by the attempts of one window.
 */
public final class MemoryAttemptLog implements AttemptLog {
  private final Map<String, Times> keys = new HashMap<>();

  /** The times of one key, and the window they were last counted in (what {@link #sweep} prunes by). */
  private static final class Times {
    final ArrayDeque<Long> at = new ArrayDeque<>();
    long windowMs;
  }

  @Override
  public synchronized Future<Long> peek(long now, List<Limit> limits) {
    return Future.succeededFuture(waitMs(now, limits));
  }

  @Override
  public synchronized Future<Long> take(long now, List<Limit> limits) {
    long wait = waitMs(now, limits);
    if (wait == 0) {
      record(now, limits);
    }
    return Future.succeededFuture(wait);
  }

  @Override
  public synchronized Future<Void> add(long now, List<Limit> limits) {
    record(now, limits);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> dropNewest(List<String> keys) {
    for (String key : keys) {
      Times times = this.keys.get(key);
      if (times != null && !times.at.isEmpty()) {
        times.at.removeLast();
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> clear(String key) {
    keys.remove(key);
    return Future.succeededFuture();
  }

  @Override
  public synchronized void sweep(long now) {
    for (Iterator<Times> it = keys.values().iterator(); it.hasNext(); ) {
      Times times = it.next();
      prune(times.at, times.windowMs, now);
      if (times.at.isEmpty()) {
        it.remove();
      }
    }
  }

  /** How many keys are held (memory bound tests). */
  public synchronized int size() {
    return keys.size();
  }

  private long waitMs(long now, List<Limit> limits) {
    long wait = 0;
    for (Limit limit : limits) {
      Times times = keys.get(limit.key());
      if (times == null) {
        continue;
      }
      prune(times.at, limit.windowMs(), now);
      if (times.at.size() >= limit.max()) {
        wait = Math.max(wait, Math.max(1, times.at.peekFirst() + limit.windowMs() - now));
      }
    }
    return wait;
  }

  private void record(long now, List<Limit> limits) {
    for (Limit limit : limits) {
      Times times = keys.computeIfAbsent(limit.key(), k -> new Times());
      times.windowMs = limit.windowMs();
      prune(times.at, limit.windowMs(), now);
      times.at.addLast(now);
      while (times.at.size() > limit.max()) {
        times.at.removeFirst();
      }
    }
  }

  private static void prune(ArrayDeque<Long> times, long windowMs, long now) {
    while (!times.isEmpty() && times.peekFirst() + windowMs <= now) {
      times.removeFirst();
    }
  }
}
