package io.verso.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Running client code on the Vert.x context that owns it (bridge clients and editors are not thread-safe). */
public final class Contexts {
  private Contexts() {}

  /**
   * {@code n} contexts on distinct event loops (when the pool has {@code n}). Not
   * {@code vertx.getOrCreateContext()} from the main thread: each call gives a new context, but all
   * of them on the same event loop, which had put all 3,000 clients of a run on ONE of the load
   * generator's event loops.
   */
  public static List<Context> eventLoops(Vertx vertx, int n) {
    List<Context> contexts = new ArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        synchronized (contexts) {
          contexts.add(context);
        }
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(n)).await();
    synchronized (contexts) {
      return List.copyOf(contexts);
    }
  }

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
