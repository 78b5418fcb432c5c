package io.verso.auth;

import io.netty.util.NetUtil;
import io.verso.auth.throttle.AttemptLog;
import io.verso.auth.throttle.AttemptLog.Limit;
import io.verso.auth.throttle.MemoryAttemptLog;
import io.verso.auth.throttle.ThrottleKeys;
import io.vertx.core.Future;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sliding-window limits on sign-ups: at most {@code maxPerAddress} per client address in
 * {@code addressWindowMs}, counted in an {@link AttemptLog} (this node's memory, or Redis shared by
 * every node), and at most {@code maxGlobal} in all in {@code globalWindowMs}, always in this node's
 * memory: each sign-up costs this node an argon2 hash, so these bound what a script can make the
 * node compute. A sign-up counts when it starts (parallel ones cannot overshoot); refused attempts
 * are not recorded, so the memory held is bounded by what the global limit lets through. IPv6
 * clients are counted per /64 (one host commonly holds a whole /64).
 */
public final class SignupThrottle {
  private static final String GLOBAL = "signup:all";
  private static final List<String> GLOBAL_KEY = List.of(GLOBAL);

  private final int maxPerAddress;
  private final long addressWindowMs;
  private final List<Limit> global;
  private final AttemptLog addresses;
  private final MemoryAttemptLog node = new MemoryAttemptLog();
  private final LongSupplier clock;

  /** Counts addresses in this node's memory. */
  public SignupThrottle(int maxPerAddress, long addressWindowMs, int maxGlobal, long globalWindowMs, LongSupplier clock) {
    this(maxPerAddress, addressWindowMs, maxGlobal, globalWindowMs, new MemoryAttemptLog(), clock);
  }

  public SignupThrottle(int maxPerAddress, long addressWindowMs, int maxGlobal, long globalWindowMs,
                        AttemptLog addresses, LongSupplier clock) {
    this.maxPerAddress = maxPerAddress;
    this.addressWindowMs = addressWindowMs;
    this.global = List.of(new Limit(GLOBAL, maxGlobal, globalWindowMs));
    this.addresses = addresses;
    this.clock = clock;
  }

  /**
   * Starts a sign-up from {@code address}: 0 when it may go ahead (it is then counted), else the
   * milliseconds until one is allowed again (nothing is counted).
   */
  public Future<Long> attempt(String address) {
    long now = clock.getAsLong();
    List<Limit> mine = List.of(new Limit(ThrottleKeys.signupAddress(key(address)), maxPerAddress, addressWindowMs));
    // the node's place first (memory, at once); given back if the address has none
    return node.take(now, global).compose(globalWait -> globalWait > 0
        ? addresses.peek(now, mine).map(wait -> Math.max(wait, globalWait))
        : addresses.take(now, mine)
            .onComplete(wait -> {
              if (wait.failed() || wait.result() > 0) {
                node.dropNewest(GLOBAL_KEY);
              }
            }));
  }

  /** The sign-up started by {@link #attempt} did not happen (e.g. refused as too busy): not counted. */
  public Future<Void> release(String address) {
    node.dropNewest(GLOBAL_KEY);
    return addresses.dropNewest(List.of(ThrottleKeys.signupAddress(key(address))));
  }

  /** Forgets every address whose sign-ups have all left the window (bounded memory). */
  public void sweep() {
    long now = clock.getAsLong();
    node.sweep(now);
    addresses.sweep(now);
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
}
