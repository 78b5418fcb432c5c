package io.verso.auth;

import io.netty.util.NetUtil;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sliding-window limits on sign-ups, in memory on this node: at most {@code maxPerAddress} per
 * client address in {@code addressWindowMs}, and at most {@code maxGlobal} in all in
 * {@code globalWindowMs}. Each sign-up costs an argon2 hash, so these bound what a script can make
 * the node compute. A sign-up counts when it starts (parallel ones cannot overshoot); refused
 * attempts are not recorded, so the memory held is bounded by what the global limit lets through.
 * IPv6 clients are counted per /64 (one host commonly holds a whole /64).
 */
public final class SignupThrottle {
  private final int maxPerAddress;
  private final long addressWindowMs;
  private final int maxGlobal;
  private final long globalWindowMs;
  private final LongSupplier clock;
  private final Map<String, ArrayDeque<Long>> addresses = new HashMap<>();
  private final ArrayDeque<Long> global = new ArrayDeque<>();

  public SignupThrottle(int maxPerAddress, long addressWindowMs, int maxGlobal, long globalWindowMs, LongSupplier clock) {
    this.maxPerAddress = maxPerAddress;
    this.addressWindowMs = addressWindowMs;
    this.maxGlobal = maxGlobal;
    this.globalWindowMs = globalWindowMs;
    this.clock = clock;
  }

  /**
   * Starts a sign-up from {@code address}: 0 when it may go ahead (it is then counted), else the
   * milliseconds until one is allowed again (nothing is counted).
   */
  public synchronized long attempt(String address) {
    long now = clock.getAsLong();
    String key = key(address);
    ArrayDeque<Long> mine = addresses.get(key);
    long wait = Math.max(wait(mine, maxPerAddress, addressWindowMs, now), wait(global, maxGlobal, globalWindowMs, now));
    if (wait > 0) {
      return wait;
    }
    addresses.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    global.addLast(now);
    return 0;
  }

  /** The sign-up started by {@link #attempt} did not happen (e.g. refused as too busy): not counted. */
  public synchronized void release(String address) {
    ArrayDeque<Long> mine = addresses.get(key(address));
    if (mine != null && !mine.isEmpty()) {
      mine.removeLast();
    }
    if (!global.isEmpty()) {
      global.removeLast();
    }
  }

  /** Forgets every address whose sign-ups have all left the window (bounded memory). */
  public synchronized void sweep() {
    long now = clock.getAsLong();
    prune(global, globalWindowMs, now);
    for (Iterator<ArrayDeque<Long>> it = addresses.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> times = it.next();
      prune(times, addressWindowMs, now);
      if (times.isEmpty()) {
        it.remove();
      }
    }
  }

  synchronized int trackedAddresses() {
    return addresses.size();
  }

  /** The key an address is counted under: IPv4 as is, IPv6 by its /64 prefix, anything else as given. */
  static String key(String address) {
    if (address == null || address.isEmpty()) {
      return "unknown";
    }
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(address);
    if (ip == null || ip.length != 16) {
      return address;
    }
    boolean v4Mapped = true;
    for (int i = 0; i < 10; i++) {
      v4Mapped &= ip[i] == 0;
    }
    if (v4Mapped && ip[10] == (byte) 0xff && ip[11] == (byte) 0xff) {
      return (ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff);
    }
    return HexFormat.of().formatHex(ip, 0, 8) + "::/64";
  }

  private static long wait(ArrayDeque<Long> times, int max, long windowMs, long now) {
    if (times == null) {
      return 0;
    }
    prune(times, windowMs, now);
    if (times.size() < max) {
      return 0;
    }
    return Math.max(1, times.peekFirst() + windowMs - now);
  }

  private static void prune(ArrayDeque<Long> times, long windowMs, long now) {
    while (!times.isEmpty() && times.peekFirst() + windowMs <= now) {
      times.removeFirst();
    }
  }
}
