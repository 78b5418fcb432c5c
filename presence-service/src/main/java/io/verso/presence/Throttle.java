package io.verso.presence;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Per-key throttle with coalescing: at most one state per {@code intervalMs} is passed to the sink
 * for each key, the latest state wins, and a state never reaches the sink after a newer one.
 *
 * <p>A state offered when the key's last emission is at least {@code intervalMs} old (and nothing is
 * pending) is emitted at once; otherwise it replaces the pending state (the replaced one counts as
 * coalesced) and a timer emits it when the interval has passed. {@link #cancel} drops the pending
 * state. Not thread-safe: use it from one context.
 */
public final class Throttle<K, T> {
  private static final long NO_TIMER = -1;

  private final Timers timers;
  private final long intervalMs;
  private final BiConsumer<K, T> sink;
  private final Map<K, Slot<T>> slots = new HashMap<>();
  private long emitted;
  private long coalesced;

  private static final class Slot<T> {
    long lastEmit = Long.MIN_VALUE / 2;
    T pending;
    long timer = NO_TIMER;
  }

  public Throttle(Timers timers, long intervalMs, BiConsumer<K, T> sink) {
    this.timers = timers;
    this.intervalMs = intervalMs;
    this.sink = sink;
  }

  public void offer(K key, T state) {
    Slot<T> slot = slots.computeIfAbsent(key, k -> new Slot<>());
    long now = timers.now();
    if (slot.pending == null && now - slot.lastEmit >= intervalMs) {
      slot.lastEmit = now;
      emitted++;
      sink.accept(key, state);
      return;
    }
    if (slot.pending != null) {
      coalesced++;
    }
    slot.pending = state;
    if (slot.timer == NO_TIMER) {
      slot.timer = timers.schedule(Math.max(1, slot.lastEmit + intervalMs - now), () -> flush(key, slot));
    }
  }

  private void flush(K key, Slot<T> slot) {
    slot.timer = NO_TIMER;
    if (slots.get(key) != slot || slot.pending == null) {
      return;
    }
    T state = slot.pending;
    slot.pending = null;
    slot.lastEmit = timers.now();
    emitted++;
    sink.accept(key, state);
  }

  /** Forgets a key: its pending state (if any) is dropped and counted as coalesced. */
  public void cancel(K key) {
    Slot<T> slot = slots.remove(key);
    if (slot == null) {
      return;
    }
    if (slot.timer != NO_TIMER) {
      timers.cancel(slot.timer);
    }
    if (slot.pending != null) {
      coalesced++;
    }
  }

  /** The pending (not yet emitted) state of a key, or null. */
  public T pending(K key) {
    Slot<T> slot = slots.get(key);
    return slot == null ? null : slot.pending;
  }

  public long emitted() {
    return emitted;
  }

  public long coalesced() {
    return coalesced;
  }
}
