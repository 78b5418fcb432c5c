package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How many sockets one client address and one user may hold open on this node
 * ({@code bridge.maxSocketsPerAddress}, {@code bridge.maxSocketsPerUser}). A socket counts for its
 * address from the handshake on — before its cookie is even checked, so sockets without a valid cookie
 * cannot be opened faster than they are refused — and for its user once its identity is known; it stops
 * counting when it closes. The address is the TCP peer's (behind a proxy, the proxy's). Used from the
 * web verticle's context only.
 */
final class SocketAdmission {
  private final int perUser;
  private final int perAddress;
  private final Map<String, Integer> byUser = new HashMap<>();
  private final Map<String, Integer> byAddress = new HashMap<>();

  SocketAdmission(int perUser, int perAddress) {
    this.perUser = perUser;
    this.perAddress = perAddress;
  }

  /**
   * Admits a new socket of {@code s} from {@code address} (null: not counted), then asks {@code identity}
   * and admits its user: the identity, or a failure — 429 when the address or the user already holds its
   * maximum (the identity is then not even asked for a full address), the identity's own failure
   * otherwise. Whatever was counted is released when the socket closes.
   */
  Future<Identity> admit(BridgeSession s, String address, Supplier<Future<Identity>> identity) {
    if (address != null) {
      if (byAddress.getOrDefault(address, 0) >= perAddress) {
        return Future.failedFuture(ErrorCode.RATE_LIMITED.exception("too many sockets from this address"));
      }
      byAddress.merge(address, 1, Integer::sum);
      s.onClose(() -> release(byAddress, address));
    }
    return identity.get().compose(id -> {
      if (s.isClosed()) {
        return Future.succeededFuture(id);
      }
      if (byUser.getOrDefault(id.userId(), 0) >= perUser) {
        return Future.failedFuture(ErrorCode.RATE_LIMITED.exception("too many sockets of this user"));
      }
      byUser.merge(id.userId(), 1, Integer::sum);
      s.onClose(() -> release(byUser, id.userId()));
      return Future.succeededFuture(id);
    });
  }

  private static void release(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
  }
}
