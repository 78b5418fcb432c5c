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

    /** Writes several frames in order, as few writes as the transport allows; false when the queue is full. */
    default boolean writeAll(BridgeHub.Batch batch) {
      for (String text : batch.texts()) {
        if (!write(text)) {
          return false;
        }
      }
      return true;
    }

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
  /** Why the bridge closed the socket (null: the peer or the network did). */
  CloseReason closeReason;

  /** Why the bridge ends a socket; counted per reason. */
  public enum CloseReason {
    /** Nothing received, not even a ping, for the idle timeout. */
    IDLE,
    /** More than the write-queue limit waiting: a reader that cannot keep up. */
    SLOW_READER,
    /** No valid identity at the handshake, or the session was revoked. */
    UNAUTHENTICATED,
    /** A frame over the size limit. */
    TOO_LARGE,
    /** The peer or the network closed it. */
    PEER
  }

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
      close(CloseReason.SLOW_READER);
    }
  }

  @Override
  public void deliverAll(BridgeHub.Batch batch) {
    if (closed) {
      return;
    }
    if (!transport.writeAll(batch)) {
      close(CloseReason.SLOW_READER);
    }
  }

  void close(CloseReason reason) {
    if (!closed) {
      closeReason = reason;
      closed = true;
      transport.close();
    }
  }
}
