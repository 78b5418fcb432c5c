package io.verso.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** Running client code on the Vert.x context that owns it (bridge clients and editors are not thread-safe). */
public final class Contexts {
  private Contexts() {}

  /** Runs {@code task} on {@code ctx}; its future (or what it throws) completes the result. */
  public static <T> Future<T> on(Context ctx, Supplier<Future<T>> task) {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> {
      try {
        task.get().onComplete(p);
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }
}
