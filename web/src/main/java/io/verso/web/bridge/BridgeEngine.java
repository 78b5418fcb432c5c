package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.runtime.Bus;
import io.verso.runtime.SharedJson;
import io.verso.runtime.DocumentClient;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.presence.Presence;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.Role;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's rules, independent of the transport: deny by default; inbound only {@code send} to
 * {@code doc.<id>} and {@code presence.<id>}, outbound only registrations on {@code doc.<id>.events}
 * and {@code presence.<id>.events}; every send and registration checked against the socket user's
 * role on that document; the verified user id, role and name stamped in the headers (nothing from the
 * frame's headers or body is trusted). Frames of one socket are checked and dispatched in order.
 * Used from the web verticle's context only.
 */
public final class BridgeEngine {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeEngine.class);
  /** Reply addresses a client may choose: 1..100 characters of [A-Za-z0-9_.:-] (see {@link #isReplyAddress}). */
  static final String REPLY_ADDRESS_REGEX = "[A-Za-z0-9_.:-]{1,100}";
  /** The user id of the web tier's own internal requests (never a real user: ids are random base64url). */
  static final String SYSTEM_USER = "verso-web-tier";
  /** Presence client ids one socket may use. */
  static final int MAX_PRESENCE_CLIENTS_PER_SOCKET = 16;
  private static final Set<String> PRESENCE_ACTIONS =
      Set.of(Presence.ACTION_UPDATE, Presence.ACTION_HEARTBEAT, Presence.ACTION_LEAVE, Presence.ACTION_LIST);

  private final Vertx vertx;
  private final RequestIdentity identities;
  private final BridgeConfig config;
  private final DocumentClient documents;
  private final BridgeHub hub;
  private final SocketAdmission admission;
  private final SessionExpiry expiry;
  private final Set<BridgeSession> sessions = new LinkedHashSet<>();
  private final long[] closes = new long[BridgeSession.CloseReason.values().length];

  public BridgeEngine(Vertx vertx, RequestIdentity identities, BridgeConfig config) {
    this.vertx = vertx;
    this.identities = identities;
    this.config = config;
    this.documents = new DocumentClient(vertx);
    this.hub = new BridgeHub(vertx.eventBus());
    this.admission = new SocketAdmission(config.maxSocketsPerUser(), config.maxSocketsPerAddress());
    this.expiry = new SessionExpiry(vertx, s -> end(s, BridgeSession.CloseReason.EXPIRED,
        ErrorCode.UNAUTHENTICATED, "access token expired: refresh and reconnect"));
  }

  public BridgeHub hub() {
    return hub;
  }

  public int socketCount() {
    return sessions.size();
  }

  // ---------------------------------------------------------------- socket lifecycle

  /**
   * A new socket from {@code clientAddress}: its user comes from the access cookie of the handshake
   * headers, or it is refused (401); over the sockets allowed per address or user it is refused (429).
   */
  public BridgeSession open(BridgeSession.Transport transport, MultiMap handshakeHeaders, String clientAddress) {
    BridgeSession s = newSession(transport, null);
    s.tail = admission.admit(s, clientAddress, () -> identities.ofHeaders(handshakeHeaders)).transform(ar -> {
      if (ar.succeeded() && !s.closed) {
        s.identify(ar.result());
        expiry.watch(s, ar.result());
      } else if (ar.failed()) {
        boolean tooMany = Failures.codeOf(ar.cause()) == ErrorCode.RATE_LIMITED;
        end(s, tooMany ? BridgeSession.CloseReason.TOO_MANY_SOCKETS : BridgeSession.CloseReason.UNAUTHENTICATED,
            tooMany ? ErrorCode.RATE_LIMITED : ErrorCode.UNAUTHENTICATED,
            tooMany ? Failures.messageOf(ar.cause()) : "not logged in or session expired");
      }
      return Future.succeededFuture();
    });
    return s;
  }

  /**
   * A socket whose identity the transport established itself (the TCP bridge's service token): no
   * cookie and no per-document role lookup — {@code role} on every document — same rules otherwise.
   */
  public BridgeSession openTrusted(BridgeSession.Transport transport, Identity identity, Role role) {
    BridgeSession s = newSession(transport, role);
    s.identify(identity);
    s.tail = Future.succeededFuture();
    return s;
  }

  private BridgeSession newSession(BridgeSession.Transport transport, Role fixedRole) {
    long now = System.nanoTime();
    BridgeSession s = new BridgeSession(transport, new TokenBucket(config.framesPerSecond(), config.frameBurst(), now),
        fixedRole, now);
    sessions.add(s);
    return s;
  }

  /** The socket is gone (closed by the peer or the network): drop its registrations and tell presence its clients left. */
  public void closed(BridgeSession s) {
    closed(s, BridgeSession.CloseReason.PEER);
  }

  /** Sockets closed so far for {@code reason} (a slow reader counts when its socket is finally dropped). */
  public long closedSockets(BridgeSession.CloseReason reason) {
    return closes[reason.ordinal()];
  }

  /** The bridge ends the socket: a socket-level {@code err}, then closed. */
  private void end(BridgeSession s, BridgeSession.CloseReason reason, ErrorCode code, String message) {
    s.deliver(Frames.err(null, code, message).encode());
    closed(s, reason);
  }

  private void closed(BridgeSession s, BridgeSession.CloseReason reason) {
    if (!sessions.remove(s)) {
      return;
    }
    s.close(reason);
    closes[s.closeReason.ordinal()]++;
    for (String address : s.registrations) {
      hub.unsubscribe(address, s);
    }
    s.registrations.clear();
    Identity id = s.identity();
    if (id != null) {
      s.presenceClients.forEach((docId, clients) -> clients.forEach(clientId -> sendPresence(
          new JsonObject().put("action", Presence.ACTION_LEAVE).put("docId", docId).put("clientId", clientId),
          stamped(id, null)).onFailure(t -> LOG.debug("presence leave failed: {}", t.getMessage()))));
    }
    s.presenceClients.clear();
  }

  /**
   * Keeps the documents this node's sockets watch loaded: a {@code touch} to each watched document's
   * sequencer (only if it is loaded: an unloaded document is activated by the next real request).
   */
  public void touchWatchedDocuments() {
    for (String address : hub.addresses()) {
      if (Addresses.isDocEvents(address)) {
        String docId = Addresses.docIdOf(address);
        vertx.eventBus().request(Addresses.doc(docId), new JsonObject().put("action", DocAction.TOUCH),
                new DeliveryOptions().setSendTimeout(config.replyTimeoutMs())
                    .addHeader(Addresses.HEADER_USER_ID, SYSTEM_USER))
            .onFailure(t -> LOG.debug("touch of {} failed: {}", docId, t.getMessage()));
      }
    }
  }

  /** Closes sockets that sent nothing (not even a ping) for the idle timeout. */
  public void sweepIdle() {
    long now = System.nanoTime();
    for (BridgeSession s : new ArrayList<>(sessions)) {
      if (now - s.lastActivityNanos > config.idleTimeoutMs() * 1_000_000L) {
        closed(s, BridgeSession.CloseReason.IDLE);
      }
    }
  }

  // ---------------------------------------------------------------- frames

  public void frame(BridgeSession s, Buffer data) {
    if (s.closed) {
      return;
    }
    if (data.length() > config.maxMessageBytes()) {
      end(s, BridgeSession.CloseReason.TOO_LARGE, ErrorCode.TOO_LARGE, "frame over " + config.maxMessageBytes() + " bytes");
      return;
    }
    // Not read before it is paid for (rate) and the socket has an identity: refusals cost no parsing.
    BridgeSession.Admission admitted = s.admitFrame(System.nanoTime(), data.length(), config.maxMessageBytes());
    if (admitted == BridgeSession.Admission.REFUSED) {
      s.deliver(Frames.err(null, ErrorCode.RATE_LIMITED, "too many frames").encode());
    } else if (admitted == BridgeSession.Admission.READ) {
      s.tail = s.tail.transform(ar -> s.closed || s.identity() == null ? Future.succeededFuture() : process(s, data));
    }
  }

  private Future<Void> process(BridgeSession s, Buffer data) {
    JsonObject frame;
    try {
      frame = data.toJsonObject();
    } catch (RuntimeException e) {
      s.deliver(Frames.err(null, ErrorCode.BAD_REQUEST, "frame is not a JSON object").encode());
      return Future.succeededFuture();
    }
    Future<Void> done;
    try {
      Object type = frame.getValue("type");
      Object address = frame.getValue("address");
      if ("ping".equals(type)) {
        return Future.succeededFuture();
      }
      if (!(address instanceof String a)) {
        throw ErrorCode.BAD_REQUEST.exception("address must be a string");
      }
      if ("send".equals(type)) {
        done = send(s, a, frame.getValue("body"), replyTo(frame));
      } else if ("register".equals(type)) {
        done = register(s, a);
      } else if ("unregister".equals(type)) {
        if (s.registrations.remove(a)) {
          hub.unsubscribe(a, s);
        }
        done = Future.succeededFuture();
      } else if ("publish".equals(type)) {
        throw ErrorCode.FORBIDDEN.exception("publishing is not permitted");
      } else {
        throw ErrorCode.BAD_REQUEST.exception("unknown frame type");
      }
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.recover(t -> {
      String to = "register".equals(frame.getValue("type")) && frame.getValue("address") instanceof String a
          ? a : replyTo(frame);
      s.deliver(Frames.err(to, t).encode());
      return Future.succeededFuture();
    });
  }

  private static String replyTo(JsonObject frame) {
    return frame.getValue("replyAddress") instanceof String r && isReplyAddress(r) ? r : null;
  }

  /** {@link #REPLY_ADDRESS_REGEX}, without a regex (checked on every request frame). */
  static boolean isReplyAddress(String r) {
    if (r.isEmpty() || r.length() > 100) {
      return false;
    }
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (!Addresses.isTokenChar(c) && c != '.' && c != ':') {
        return false;
      }
    }
    return true;
  }

  private Future<Void> send(BridgeSession s, String address, Object body, String replyAddress) {
    boolean doc = Addresses.isInboundDoc(address);
    if (!doc && !Addresses.isInboundPresence(address)) {
      throw ErrorCode.FORBIDDEN.exception("address not permitted");
    }
    if (!(body instanceof JsonObject b)) {
      throw ErrorCode.BAD_REQUEST.exception("body must be a JSON object");
    }
    String docId = Addresses.docIdOf(address);
    return role(s, docId).compose(role -> {
      // the frame was parsed for this request alone: the body is cleaned in place and handed over
      b.remove("userId");
      b.remove("name");
      b.remove("color");
      boolean ackByEvent = doc && ackByEvent(b);
      Future<Message<Object>> reply = doc ? sendDoc(s, docId, role, b) : sendPresenceOf(s, docId, role, b);
      relay(s, replyAddress, reply, ackByEvent);
      return Future.succeededFuture();
    });
  }

  /**
   * A submit's {@code "ack"} choice (removed from the body): {@code "reply"} (the default) answers a
   * committed op with {@code {"rev":N}}; {@code "event"} sends no reply for it — the op's own event on
   * {@code doc.<id>.events}, carrying the submitter's (clientId, seq), is the acknowledgement — while
   * failures and duplicate answers still come back to the reply address. One frame less per op for
   * clients that wait for their own event anyway.
   */
  private static boolean ackByEvent(JsonObject body) {
    Object ack = body.remove("ack");
    if (ack == null || "reply".equals(ack)) {
      return false;
    }
    if (!"event".equals(ack) || !DocAction.SUBMIT.equals(body.getValue("action"))) {
      throw ErrorCode.BAD_REQUEST.exception("ack must be \"reply\" or \"event\" (event: submit only)");
    }
    return true;
  }

  private Future<Message<Object>> sendDoc(BridgeSession s, String docId, Role role, JsonObject body) {
    Role needed = DocAction.requiredRole(body.getValue("action"));
    if (needed == null) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("action not permitted"));
    }
    Role.require(role, needed);
    // the edit-service only reads the body, and nothing here touches it again: shared, not copied
    return documents.request(docId, body, SharedJson.options(stamped(s.identity(), role)));
  }

  private Future<Message<Object>> sendPresenceOf(BridgeSession s, String docId, Role role, JsonObject body) {
    Object action = body.getValue("action", Presence.ACTION_UPDATE);
    if (!(action instanceof String a) || !PRESENCE_ACTIONS.contains(a)) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("action not permitted"));
    }
    body.put("action", a).put("docId", docId);
    if (body.getValue("clientId") instanceof String clientId && Addresses.isClientId(clientId)) {
      if (Presence.ACTION_LEAVE.equals(a)) {
        Set<String> mine = s.presenceClients.get(docId);
        if (mine != null) {
          mine.remove(clientId);
        }
      } else if (!Presence.ACTION_LIST.equals(a)) {
        Set<String> mine = s.presenceClients.get(docId);
        if ((mine == null || !mine.contains(clientId)) && s.presenceClientCount() >= MAX_PRESENCE_CLIENTS_PER_SOCKET) {
          return Future.failedFuture(ErrorCode.TOO_LARGE.exception("too many presence clients on one socket"));
        }
        s.rememberPresenceClient(docId, clientId);
      }
    }
    return sendPresence(body, stamped(s.identity(), role));
  }

  /** To this node's presence-service first (exact per-client throttling), else to any node's. */
  private Future<Message<Object>> sendPresence(JsonObject body, DeliveryOptions options) {
    return Bus.localFirstMessage(vertx.eventBus(), Addresses.PRESENCE_SERVICE, body, options);
  }

  private Future<Void> register(BridgeSession s, String address) {
    if (!Addresses.isDocEvents(address) && !Addresses.isPresenceEvents(address)) {
      throw ErrorCode.FORBIDDEN.exception("address not permitted");
    }
    if (s.registrations.contains(address)) {
      return Future.succeededFuture();
    }
    if (s.registrations.size() >= config.maxRegistrations()) {
      throw ErrorCode.TOO_LARGE.exception("too many registrations on one socket");
    }
    return role(s, Addresses.docIdOf(address)).compose(role -> {
      if (s.closed) {
        return Future.succeededFuture();
      }
      s.registrations.add(address);
      // Wait until the consumer is registered: a request sent after this frame must not miss an event.
      return registeredOrGoOn(hub.subscribe(address, s), config.replyTimeoutMs(), address);
    });
  }

  /**
   * The registration, waited for at most {@code waitMs}. A socket's frames are processed in order, so
   * a registration that the cluster is slow to record (a member leaving: Hazelcast retries the write
   * for up to two minutes) must not hold back the socket's catch-ups and resends behind it. After the
   * wait the socket goes on; the registration still completes later (or fails, logged), and a client
   * notices any event it missed meanwhile by the gap in revisions and catches up.
   */
  static Future<Void> registeredOrGoOn(Future<Void> registration, long waitMs, String address) {
    return registration.timeout(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS).recover(t -> {
      if (!(t instanceof java.util.concurrent.TimeoutException)) {
        return Future.failedFuture(t);
      }
      LOG.warn("Registration on {} not confirmed by the cluster within {} ms: the socket goes on", address, waitMs);
      registration.onFailure(e -> LOG.warn("Registration on {} failed late: {}", address, e.getMessage()));
      return Future.succeededFuture();
    });
  }

  private void relay(BridgeSession s, String replyAddress, Future<Message<Object>> reply, boolean ackByEvent) {
    reply.onComplete(ar -> {
      if (replyAddress == null) {
        if (ar.failed()) {
          LOG.debug("unanswered bridged request failed: {}", ar.cause().getMessage());
        }
      } else if (ar.succeeded()) {
        Object body = ar.result().body();
        if (ackByEvent && !(body instanceof JsonObject j && j.containsKey("duplicate"))) {
          return; // the op's event is the acknowledgement
        }
        s.deliver(Frames.rec(replyAddress, body).encode());
      } else {
        s.deliver(Frames.err(replyAddress, ar.cause()).encode());
      }
    });
  }

  // ---------------------------------------------------------------- roles and identity

  /** The socket user's role on a document: asked once per socket, then kept current by role-change events. */
  private Future<Role> role(BridgeSession s, String docId) {
    return s.roles.of(docId, d -> Bus.localFirst(vertx.eventBus(), Addresses.AUTH_ROLE,
            new MemberRequest(d, s.identity().userId(), null).toJson(), new DeliveryOptions().setSendTimeout(config.replyTimeoutMs()))
        .map(body -> Role.ofWireOrNone(body.getString("role"))));
  }

  private DeliveryOptions stamped(Identity id, Role role) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.replyTimeoutMs())
        .addHeader(Addresses.HEADER_USER_ID, id.userId())
        .addHeader(Addresses.HEADER_USER_NAME, id.displayName() != null ? id.displayName()
            : id.username() != null ? id.username() : id.userId());
    if (role != null) {
      options.addHeader(Addresses.HEADER_ROLE, role.wire());
    }
    return options;
  }

  /** A membership changed: open sockets of that user see it at once. */
  public void roleChanged(RoleChanged change) {
    String docEvents = Addresses.docEvents(change.docId());
    String presenceEvents = Addresses.presenceEvents(change.docId());
    for (BridgeSession s : new ArrayList<>(sessions)) {
      if (s.identity() == null || !s.identity().userId().equals(change.userId())) {
        continue;
      }
      s.roles.changed(change.docId(), change.role());
      boolean watching = s.registrations.contains(docEvents);
      if (change.role() == null) {
        for (String a : List.of(docEvents, presenceEvents)) {
          if (s.registrations.remove(a)) {
            hub.unsubscribe(a, s);
          }
        }
        if (watching) {
          s.deliver(Frames.err(docEvents, ErrorCode.FORBIDDEN, "your access to this document was removed").encode());
        }
      } else if (watching) {
        s.deliver(Frames.rec(docEvents, new JsonObject().put("type", "role").put("role", change.role().wire())).encode());
      }
    }
  }

  /** A document was renamed: every socket here watching its events gets {@code {"type":"title","title"}}. */
  public void titleChanged(String docId, String title) {
    hub.deliverHere(Addresses.docEvents(docId), new JsonObject().put("type", "title").put("title", title));
  }

  /** Logout or refresh-token reuse: the session's sockets are closed at once. */
  public void sessionRevoked(SessionRevoked revoked) {
    for (BridgeSession s : new ArrayList<>(sessions)) {
      Identity id = s.identity();
      if (id != null && (revoked.sessionId() != null ? revoked.sessionId().equals(id.sessionId())
          : id.userId().equals(revoked.userId()))) {
        end(s, BridgeSession.CloseReason.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, "session revoked");
      }
    }
  }

  /** Per-document socket counts, for diagnostics. */
  public Map<String, Integer> registrationsByAddress() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (BridgeSession s : sessions) {
      for (String a : s.registrations) {
        counts.merge(a, 1, Integer::sum);
      }
    }
    return counts;
  }
}
