package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The state of one bridged socket: who it belongs to (set once, from the handshake's access cookie),
 * the roles it learnt per document, its registrations, the presence client ids it used (for the
 * {@code leave} on close), its rate bucket, its serial frame queue, and what to undo when it closes.
 */
public final class BridgeSession implements BridgeHub.Subscriber {

  /** The socket underneath. */
  public interface Transport {
    /** Writes one text frame; false when the socket's write queue is full. */
    boolean write(String text);

    /**
     * Writes the frames of a flush (one or more) in order, as few writes as the transport allows, from
     * the bytes the batch encoded once where the transport writes bytes; false when the queue is full.
     */
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

  /** Frames a socket may send before its identity is known (they wait unread): a client's opening burst. */
  static final int MAX_FRAMES_BEFORE_IDENTITY = 32;

  private final Transport transport;
  private final TokenBucket bucket;
  private final SocketRoles roles;
  private final Set<String> registrations = new LinkedHashSet<>();
  private final PresenceClients presenceClients = new PresenceClients();
  private final Promise<Identity> identified = Promise.promise();
  private Identity identity;
  private final List<Runnable> onClose = new ArrayList<>(3);
  /** The socket's frames, read one after the other: the last one queued (first: the identity check). */
  private Future<Void> tail = Future.succeededFuture();
  private long lastActivityNanos;
  private boolean closed;
  /** Why the socket was closed (the first reason wins; null while open). */
  private CloseReason closeReason;
  /** The last frame was refused for the rate (an {@code err} 429 went out for the first of a run). */
  private boolean overRate;
  private int framesBeforeIdentity;
  private long bytesBeforeIdentity;

  /** What becomes of an inbound frame before it is read. */
  enum Admission {
    /** Read it (now, or once the socket's identity is known). */
    READ,
    /** Refused unread: the first of a run, answered with {@code err} 429. */
    REFUSED,
    /** Refused unread, silently: the client was told at the first refusal of the run. */
    REFUSED_AGAIN
  }

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
    /** The access token it was opened with expired. */
    EXPIRED,
    /** Its address or user already held the most sockets allowed. */
    TOO_MANY_SOCKETS,
    /** The peer or the network closed it. */
    PEER
  }

  BridgeSession(Transport transport, TokenBucket bucket, ServiceGrants grants, long nowNanos) {
    this.transport = transport;
    this.bucket = bucket;
    this.roles = new SocketRoles(grants);
    this.lastActivityNanos = nowNanos;
  }

  /** Who the socket belongs to; null until its handshake's cookie has been checked (and for ever if it failed). */
  public Identity identity() {
    return identity;
  }

  /** The socket's user, verified: set once. */
  void identify(Identity id) {
    identity = id;
    identified.tryComplete(id);
  }

  /** Completes with the identity once known; fails when the socket closes without one. */
  Future<Identity> identified() {
    return identified.future();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Why the socket was closed (the first reason: a slow reader stays one when the bridge drops it later); null while open. */
  CloseReason closeReason() {
    return closeReason;
  }

  /** Something to undo when the socket closes (at once if it has closed already); run once, in order. */
  void onClose(Runnable undo) {
    if (closed) {
      undo.run();
    } else {
      onClose.add(undo);
    }
  }

  /**
   * An inbound frame of {@code bytes} arrived (activity): it takes a token of the socket's rate, and
   * while the identity is not known yet, a place among the few frames that may wait for it unread.
   * Nothing of it has been read: a flood costs no parsing.
   */
  Admission admitFrame(long nowNanos, int bytes, int maxBytesBeforeIdentity) {
    lastActivityNanos = nowNanos;
    boolean fits = identity != null || (++framesBeforeIdentity <= MAX_FRAMES_BEFORE_IDENTITY
        && (bytesBeforeIdentity += bytes) <= maxBytesBeforeIdentity);
    if (fits && bucket.tryTake(nowNanos)) {
      overRate = false;
      return Admission.READ;
    }
    boolean again = overRate;
    overRate = true;
    return again ? Admission.REFUSED_AGAIN : Admission.REFUSED;
  }

  /** Frames wait, unread, until {@code ready} completes (the handshake's identity check). */
  void holdFramesUntil(Future<Void> ready) {
    tail = ready;
  }

  /**
   * Reads a frame after the socket's earlier ones, in order; not at all once the socket has closed or
   * if it never got an identity.
   */
  void inOrder(Supplier<Future<Void>> read) {
    tail = tail.transform(ar -> closed || identity == null ? Future.succeededFuture() : read.get());
  }

  /** Nothing received for longer than {@code timeoutNanos}, not even a ping. */
  boolean idleSince(long nowNanos, long timeoutNanos) {
    return nowNanos - lastActivityNanos > timeoutNanos;
  }

  // ---------------------------------------------------------------- roles (SocketRoles)

  /** The user's role on a document: known, or asked with {@code lookup} (see {@link SocketRoles#of}). */
  Future<Role> role(String docId, String link, SocketRoles.Lookup lookup) {
    return roles.of(docId, link, lookup);
  }

  /** A role-change event for this socket's user (null: removed from the document): the role it has now. */
  Future<Role> roleChanged(String docId, Role role, SocketRoles.Lookup lookup) {
    return roles.changed(docId, role, lookup);
  }

  /** The document's share link changed: the role asked again if a link token gave it, else null. */
  Future<Role> linkChanged(String docId, SocketRoles.Lookup lookup) {
    return roles.linkChanged(docId, lookup);
  }

  // ---------------------------------------------------------------- registrations

  /** The addresses the socket is registered on (a read-only view). */
  public Set<String> registrations() {
    return Collections.unmodifiableSet(registrations);
  }

  boolean isRegistered(String address) {
    return registrations.contains(address);
  }

  int registrationCount() {
    return registrations.size();
  }

  /** Registers the socket on {@code address} with the hub; completes when the hub's consumer is registered. */
  Future<Void> register(String address, BridgeHub hub) {
    registrations.add(address);
    return hub.subscribe(address, this);
  }

  /** Ends the registration on {@code address}, if there is one. */
  void unregister(String address, BridgeHub hub) {
    if (registrations.remove(address)) {
      hub.unsubscribe(address, this);
    }
  }

  /** The socket closed: every registration ends. */
  void unregisterAll(BridgeHub hub) {
    for (String address : registrations) {
      hub.unsubscribe(address, this);
    }
    registrations.clear();
  }

  /** The presence client ids the socket speaks for (told left when it closes). */
  PresenceClients presenceClients() {
    return presenceClients;
  }

  // ---------------------------------------------------------------- delivery and closing

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
  public void deliverOne(BridgeHub.Batch batch) {
    deliverAll(batch);
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
      identified.tryFail(ErrorCode.UNAUTHENTICATED.exception("socket closed"));
      onClose.forEach(Runnable::run);
      onClose.clear();
    }
  }
}
