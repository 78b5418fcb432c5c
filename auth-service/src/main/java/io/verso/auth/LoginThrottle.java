package io.verso.auth;

import io.verso.auth.throttle.AttemptLog;
import io.verso.auth.throttle.AttemptLog.Limit;
import io.verso.auth.throttle.MemoryAttemptLog;
import io.verso.auth.throttle.ThrottleKeys;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sliding-window limit on failed logins, per account and per client address, counted in an
 * {@link AttemptLog} (this node's memory, or Redis shared by every node). Once {@code max} failures
 * fall inside the window, further attempts are refused (before any password work) until the oldest
 * of them leaves the window. Every attempt is counted as a failure when it starts ({@link #attempt}),
 * so a burst of parallel guesses cannot slip past the limit while their hashes are being computed; a
 * successful login takes its own entry back and clears the account's failures ("in a row"), while
 * the address keeps its earlier failures.
 */
public final class LoginThrottle {
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMs;
  private final AttemptLog log;
  private final LongSupplier clock;

  /** Counts in this node's memory. */
  public LoginThrottle(int maxPerAccount, int maxPerAddress, long windowMs, LongSupplier clock) {
    this(maxPerAccount, maxPerAddress, windowMs, new MemoryAttemptLog(), clock);
  }

  public LoginThrottle(int maxPerAccount, int maxPerAddress, long windowMs, AttemptLog log, LongSupplier clock) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMs = windowMs;
    this.log = log;
    this.clock = clock;
  }

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  public Future<Long> retryAfterMs(String account, String address) {
    return log.peek(clock.getAsLong(), limits(account, address));
  }

  /**
   * Starts a login attempt: 0 when it may go ahead (it is then counted as a failure until
   * {@link #success} says otherwise), else the milliseconds to wait (nothing is counted).
   */
  public Future<Long> attempt(String account, String address) {
    return log.take(clock.getAsLong(), limits(account, address));
  }

  public Future<Void> failure(String account, String address) {
    return log.add(clock.getAsLong(), limits(account, address));
  }

  /** The attempt started by {@link #attempt} succeeded: the account's failures are forgotten. */
  public Future<Void> success(String account, String address) {
    return Future.join(log.clear(ThrottleKeys.loginAccount(account)),
        log.dropNewest(List.of(ThrottleKeys.loginAddress(address)))).mapEmpty();
  }

  /** The attempt started by {@link #attempt} could not be judged: it is not counted. */
  public Future<Void> abandon(String account, String address) {
    return log.dropNewest(List.of(ThrottleKeys.loginAccount(account), ThrottleKeys.loginAddress(address)));
  }

  /** Forgets every key whose newest failure has left the window (bounded memory). */
  public void sweep() {
    log.sweep(clock.getAsLong());
  }

  private List<Limit> limits(String account, String address) {
    return List.of(new Limit(ThrottleKeys.loginAccount(account), maxPerAccount, windowMs),
        new Limit(ThrottleKeys.loginAddress(address), maxPerAddress, windowMs));
  }
}
