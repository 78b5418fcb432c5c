package io.verso.bench.storm;

import java.util.Random;

/**
 * The browser app's reconnect policy, same parameters (web/frontend/src/connection.js with
 * {@code backoffDelay} of ot-client.js): before reconnect attempt {@code n} (from 0) it waits a uniform
 * random time in [0, min(30 s, 500 ms · 2^n)) — exponential backoff with full jitter — and the attempt
 * count starts again at 0 once a request on the connection is answered. {@code BrowserBackoffTest}
 * reads connection.js to keep the two in step.
 */
final class BrowserBackoff {
  static final long BASE_MS = 500;
  static final long CAP_MS = 30_000;

  private final Random random;
  private int attempt;

  BrowserBackoff(Random random) {
    this.random = random;
  }

  /** The wait before the next reconnect attempt, in ms; counts the attempt. */
  long nextDelayMs() {
    long ceiling = Math.min(CAP_MS, BASE_MS * (1L << Math.min(attempt, 20)));
    attempt++;
    return (long) Math.floor(random.nextDouble() * ceiling);
  }

  /** A request on the connection was answered: the next disconnection starts from the first attempt. */
  void answered() {
    attempt = 0;
  }

  int attempts() {
    return attempt;
  }
}
