package io.verso.web.bridge;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs test code where the bridge's parts live (one event loop), and waits for answers, bounded. */
final class EventLoop {
  private EventLoop() {}

  /** Runs {@code what} on a context of {@code vertx} as one task and waits for its result. */
  static <T> T onContext(Vertx vertx, Callable<T> what) {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        done.complete(what.call());
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return await(done.future());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }
}
