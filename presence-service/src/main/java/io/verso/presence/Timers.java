package io.verso.presence;

import io.vertx.core.Vertx;

/** A clock and one-shot timers: Vert.x timers in the service, a manual clock in unit tests. */
public interface Timers {
  long now();

  /** Runs {@code task} after {@code delayMs} on the caller's context; returns an id for {@link #cancel}. */
  long schedule(long delayMs, Runnable task);

  void cancel(long id);

  static Timers of(Vertx vertx) {
    return new Timers() {
      @Override
      public long now() {
        return System.nanoTime() / 1_000_000;
      }

      @Override
      public long schedule(long delayMs, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMs), id -> task.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
