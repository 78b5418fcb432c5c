package io.verso.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A socket's frames wait for its registration, but not forever: a registration the cluster never
 * confirms lets the socket go on after the wait, while a registration that fails still fails.
 */
class RegistrationWaitTest {
  @Test
  void aRegistrationThatNeverCompletesStopsHoldingTheSocketAfterTheWait() throws Exception {
    Promise<Void> stalled = Promise.promise();
    long start = System.nanoTime();
    Future<Void> waited = BridgeEngine.registeredOrGoOn(stalled.future(), 200, "doc.x.events");
    Thread.sleep(100);
    assertFalse(waited.isComplete(), "still waiting within the bound");
    waited.await(5, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited.succeeded() && ms >= 200 && ms < 3_000, "went on after " + ms + " ms");
    stalled.fail("late failure is only logged"); // must not throw
  }

  @Test
  void aConfirmedRegistrationIsWaitedFor() throws Exception {
    Promise<Void> registration = Promise.promise();
    Future<Void> waited = BridgeEngine.registeredOrGoOn(registration.future(), 5_000, "doc.x.events");
    assertFalse(waited.isComplete());
    registration.complete();
    waited.await(1, TimeUnit.SECONDS);
    assertTrue(waited.succeeded());
    assertTrue(BridgeEngine.registeredOrGoOn(Future.succeededFuture(), 1, "doc.x.events").succeeded());
  }

  @Test
  void aFailedRegistrationStillFails() {
    Future<Void> waited = BridgeEngine.registeredOrGoOn(
        Future.failedFuture(ErrorCode.UNAVAILABLE.exception("cluster down")), 5_000, "doc.x.events");
    assertTrue(waited.failed());
    assertEquals("cluster down", waited.cause().getMessage());
  }
}
