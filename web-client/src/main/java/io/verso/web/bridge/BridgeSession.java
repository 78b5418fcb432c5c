package io.verso.web.bridge;

import io.verso.protocol.storage.Role;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one bridged socket: who it belongs to (set once, from the handshake's access cookie),
 * the roles it learnt per document, its registrations, the presence client ids it used (for the
 * {@code leave} on close), its rate bucket and its serial frame queue.
 */
public final class BridgeSession implements BridgeHub.Subscriber {

  /** The socket underneath. */
  public interface Transport {
    /** Writes one text frame; false when the socket's write queue is full. */
    boolean write(String text);

    void close();
  }

  private final Transport transport;
  final TokenBucket bucket;
  final Map<String, Future<Role>> roles = new HashMap<>();
  final Set<String> registrations = new LinkedHashSet<>();
  final Map<String, Set<String>> presenceClients = new HashMap<>();
  Identity identity;
  /** The role on every document, for sockets whose transport vouches for them (TCP bridge); else null. */
  Role fixedRole;
  Future<Void> tail;
  long lastActivityNanos;
  boolean closed;

  BridgeSession(Transport transport, TokenBucket bucket, long nowNanos) {
    this.transport = transport;
    this.bucket = bucket;
    this.lastActivityNanos = nowNanos;
  }

  public Identity identity() {
    return identity;
  }

  public Set<String> registrations() {
    return registrations;
  }

  void rememberPresenceClient(String docId, String clientId) {
    presenceClients.computeIfAbsent(docId, d -> new HashSet<>()).add(clientId);
  }

  @Override
  public void deliver(String frameText) {
    if (closed) {
      return;
    }
    if (!transport.write(frameText)) {
      // A reader that cannot keep up: drop the socket; the client reconnects and catches up.
      close();
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      transport.close();
    }
  }
}
