package io.verso.auth;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingQueueTest {
  private final Vertx vertx = Vertx.vertx();
  private final WorkerExecutor pool = vertx.createSharedWorkerExecutor("hashing-queue-test", 1);

  @AfterEach
  void close() {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void beyondTheBoundHashesAreRefusedAtOnceWithARetryTime() throws Exception {
    HashingQueue queue = new HashingQueue(pool, 1, 2, "too many sign-ups at once");
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> accepted = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // one running, two waiting
      int n = i;
      accepted.add(queue.submit(() -> {
        release.await();
        return "hash " + n;
      }));
    }
    assertThat(queue.pending()).isEqualTo(3);
    Future<String> refused = queue.submit(() -> "never");
    assertThat(refused.failed()).as("refused without waiting").isTrue();
    assertThat(Failures.codeOf(refused.cause())).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(refused.cause().getMessage()).startsWith("too many sign-ups at once, retry after ");
    assertThat(RetryAfter.seconds(refused.cause().getMessage())).isPositive();

    release.countDown();
    assertThat(await(Future.all(accepted)).<String>list()).containsExactly("hash 0", "hash 1", "hash 2");
    awaitPending(queue, 0);
    assertThat(await(queue.submit(() -> "again"))).isEqualTo("again");
  }

  @Test
  void aFailingHashFreesItsPlace() {
    HashingQueue queue = new HashingQueue(pool, 1, 0, "busy");
    Future<String> failed = queue.submit(() -> {
      throw new IllegalStateException("boom");
    });
    try {
      await(failed);
    } catch (RuntimeException expected) {
      // the hash's own failure
    }
    awaitPending(queue, 0);
    assertThat(await(queue.submit(() -> "next"))).isEqualTo("next");
  }

  private static void awaitPending(HashingQueue queue, int expected) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (queue.pending() != expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(queue.pending()).isEqualTo(expected);
  }
}
