package io.verso.auth;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sliding-window limit on failed logins, per account and per client address, in memory on this
 * node. Once {@code max} failures fall inside the window, further attempts are refused (before any
 * password work) until the oldest of them leaves the window. Every attempt is counted as a failure
 * when it starts ({@link #attempt}), so a burst of parallel guesses cannot slip past the limit while
 * their hashes are being computed; a successful login takes its own entry back and clears the
 * account's failures ("in a row"), while the address keeps its earlier failures.
 */
public final class LoginThrottle {
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMs;
  private final LongSupplier clock;
  private final Map<String, ArrayDeque<Long>> accounts = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> addresses = new HashMap<>();

  public LoginThrottle(int maxPerAccount, int maxPerAddress, long windowMs, LongSupplier clock) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMs = windowMs;
    this.clock = clock;
  }

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  public synchronized long retryAfterMs(String account, String address) {
    long now = clock.getAsLong();
    return Math.max(wait(accounts.get(account), maxPerAccount, now), wait(addresses.get(address), maxPerAddress, now));
  }

  /**
   * Starts a login attempt: 0 when it may go ahead (it is then counted as a failure until
   * {@link #success} says otherwise), else the milliseconds to wait (nothing is counted).
   */
  public synchronized long attempt(String account, String address) {
    long wait = retryAfterMs(account, address);
    if (wait == 0) {
      failure(account, address);
    }
    return wait;
  }

  public synchronized void failure(String account, String address) {
    long now = clock.getAsLong();
    record(accounts, account, maxPerAccount, now);
    record(addresses, address, maxPerAddress, now);
  }

  /** The attempt started by {@link #attempt} succeeded: the account's failures are forgotten. */
  public synchronized void success(String account, String address) {
    accounts.remove(account);
    removeNewest(addresses, address);
  }

  /** The attempt started by {@link #attempt} could not be judged: it is not counted. */
  public synchronized void abandon(String account, String address) {
    removeNewest(accounts, account);
    removeNewest(addresses, address);
  }

  private static void removeNewest(Map<String, ArrayDeque<Long>> map, String key) {
    ArrayDeque<Long> failures = map.get(key);
    if (failures != null && !failures.isEmpty()) {
      failures.removeLast();
    }
  }

  /** Forgets every key whose newest failure has left the window (bounded memory). */
  public synchronized void sweep() {
    long now = clock.getAsLong();
    sweep(accounts, now);
    sweep(addresses, now);
  }

  synchronized int trackedKeys() {
    return accounts.size() + addresses.size();
  }

  private long wait(ArrayDeque<Long> failures, int max, long now) {
    if (failures == null) {
      return 0;
    }
    prune(failures, now);
    if (failures.size() < max) {
      return 0;
    }
    return Math.max(1, failures.peekFirst() + windowMs - now);
  }

  private void record(Map<String, ArrayDeque<Long>> map, String key, int max, long now) {
    ArrayDeque<Long> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    prune(failures, now);
    failures.addLast(now);
    while (failures.size() > max) {
      failures.removeFirst();
    }
  }

  private void prune(ArrayDeque<Long> failures, long now) {
    while (!failures.isEmpty() && failures.peekFirst() + windowMs <= now) {
      failures.removeFirst();
    }
  }

  private void sweep(Map<String, ArrayDeque<Long>> map, long now) {
    for (Iterator<ArrayDeque<Long>> it = map.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> failures = it.next();
      prune(failures, now);
      if (failures.isEmpty()) {
        it.remove();
      }
    }
  }
}
