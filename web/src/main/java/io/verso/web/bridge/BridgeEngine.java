package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's frame protocol, independent of the transport: sockets opened (identity from the
 * handshake, admission) and closed; each inbound frame gated (size, rate, identity), parsed and
 * dispatched — {@code send}, {@code register}, {@code unregister}, {@code ping}; {@code publish} is
 * refused — and replies relayed back. Frames of one socket are checked and dispatched in order. What a
 * socket may do is {@link BridgePolicy}'s; the open sockets and the events that concern them are
 * {@link BridgeSessions}'; sends go on through {@link BridgeDocuments} and {@link BridgePresence}.
 * Used from the web verticle's context only.
 */
public final class BridgeEngine {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeEngine.class);

  private final RequestIdentity identities;
  private final BridgeConfig config;
  private final BridgeHub hub;
  private final BridgePolicy policy;
  private final BridgeDocuments documents;
  private final BridgePresence presence;
  private final BridgeSessions sessions;
  private final SocketAdmission admission;
  private final SessionExpiry expiry;

  public BridgeEngine(Vertx vertx, RequestIdentity identities, BridgeConfig config) {
    this.identities = identities;
    this.config = config;
    this.hub = new BridgeHub(vertx, config.flushWindowMs());
    this.policy = new BridgePolicy(vertx.eventBus(), config.replyTimeoutMs());
    this.documents = new BridgeDocuments(vertx, hub, policy);
    this.presence = new BridgePresence(vertx.eventBus(), policy);
    this.sessions = new BridgeSessions(hub, presence, config, policy::lookup);
    this.admission = new SocketAdmission(config.maxSocketsPerUser(), config.maxSocketsPerAddress());
    this.expiry = new SessionExpiry(vertx, s -> sessions.end(s, BridgeSession.CloseReason.EXPIRED,
        ErrorCode.UNAUTHENTICATED, "access token expired: refresh and reconnect"));
  }

  public BridgeHub hub() {
    return hub;
  }

  /** The open sockets (counts for metrics and tests); role changes, renames, revocations and the idle sweep go there. */
  public BridgeSessions sessions() {
    return sessions;
  }

  // ---------------------------------------------------------------- socket lifecycle

  /**
   * A new socket from {@code clientAddress}: its user comes from the access cookie of the handshake
   * headers, or it is refused (401); over the sockets allowed per address or user it is refused (429).
   */
  public BridgeSession open(BridgeSession.Transport transport, MultiMap handshakeHeaders, String clientAddress) {
    BridgeSession s = sessions.open(transport, null);
    s.holdFramesUntil(admission.admit(s, clientAddress, () -> identities.ofHeaders(handshakeHeaders)).transform(ar -> {
      if (ar.succeeded() && !s.isClosed()) {
        s.identify(ar.result());
        expiry.watch(s, ar.result());
      } else if (ar.failed()) {
        boolean tooMany = Failures.codeOf(ar.cause()) == ErrorCode.RATE_LIMITED;
        sessions.end(s, tooMany ? BridgeSession.CloseReason.TOO_MANY_SOCKETS : BridgeSession.CloseReason.UNAUTHENTICATED,
            tooMany ? ErrorCode.RATE_LIMITED : ErrorCode.UNAUTHENTICATED,
            tooMany ? Failures.messageOf(ar.cause()) : "not logged in or session expired");
      }
      return Future.succeededFuture();
    }));
    return s;
  }

  /**
   * A socket whose identity the transport established itself (the TCP bridge's service token): no
   * cookie and no per-document role lookup — the roles its {@code grants} give, on the documents they
   * name, and 403 on any other — same rules otherwise.
   */
  public BridgeSession openTrusted(BridgeSession.Transport transport, Identity identity, ServiceGrants grants) {
    BridgeSession s = sessions.open(transport, grants);
    s.identify(identity);
    return s;
  }

  /** The socket is gone (closed by the peer or the network): drop its registrations and tell presence its clients left. */
  public void closed(BridgeSession s) {
    sessions.close(s, BridgeSession.CloseReason.PEER);
  }

  /** Keeps the documents this node's sockets watch loaded (see {@link BridgeDocuments#touchWatched}). */
  public void touchWatchedDocuments() {
    documents.touchWatched();
  }

  // ---------------------------------------------------------------- frames

  public void frame(BridgeSession s, Buffer data) {
    if (s.isClosed()) {
      return;
    }
    if (data.length() > config.maxMessageBytes()) {
      sessions.end(s, BridgeSession.CloseReason.TOO_LARGE, ErrorCode.TOO_LARGE, "frame over " + config.maxMessageBytes() + " bytes");
      return;
    }
    // Not read before it is paid for (rate) and the socket has an identity: refusals cost no parsing.
    BridgeSession.Admission admitted = s.admitFrame(System.nanoTime(), data.length(), config.maxMessageBytes());
    if (admitted == BridgeSession.Admission.REFUSED) {
      s.deliver(Frames.err(null, ErrorCode.RATE_LIMITED, "too many frames").encode());
    } else if (admitted == BridgeSession.Admission.READ) {
      s.inOrder(() -> process(s, data));
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
        if (Boolean.TRUE.equals(frame.getValue("pong"))) {
          s.deliver(Frames.PONG); // the page's heartbeat asks: a socket that stalls answers nothing
        }
        return Future.succeededFuture();
      }
      if (!(address instanceof String a)) {
        throw ErrorCode.BAD_REQUEST.exception("address must be a string");
      }
      if ("send".equals(type)) {
        done = send(s, a, frame.getValue("body"), replyTo(frame), BridgePolicy.link(frame));
      } else if ("register".equals(type)) {
        done = register(s, a, BridgePolicy.link(frame));
      } else if ("unregister".equals(type)) {
        s.unregister(a, hub);
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
    return BridgePolicy.replyAddress(frame.getValue("replyAddress"));
  }

  private Future<Void> send(BridgeSession s, String address, Object body, String replyAddress, String link) {
    boolean doc = BridgePolicy.sendsToDocument(address);
    JsonObject b = BridgePolicy.body(body);
    String docId = Addresses.docIdOf(address);
    return policy.role(s, docId, link).compose(role -> {
      // the frame was parsed for this request alone: the body is cleaned in place and handed over
      BridgePolicy.dropClaims(b);
      boolean ackByEvent = doc && BridgePolicy.ackByEvent(b);
      Future<Message<Object>> reply = doc ? documents.send(s, docId, role, b) : presence.send(s, docId, role, b);
      relay(s, replyAddress, reply, ackByEvent);
      return Future.succeededFuture();
    });
  }

  private Future<Void> register(BridgeSession s, String address, String link) {
    BridgePolicy.checkRegistration(address);
    if (s.isRegistered(address)) {
      return Future.succeededFuture();
    }
    if (s.registrationCount() >= config.maxRegistrations()) {
      throw ErrorCode.TOO_LARGE.exception("too many registrations on one socket");
    }
    return policy.role(s, Addresses.docIdOf(address), link).compose(role -> s.isClosed() ? Future.succeededFuture()
        // Wait until the consumer is registered: a request sent after this frame must not miss an event.
        : registeredOrGoOn(s.register(address, hub), config.replyTimeoutMs(), address));
  }

  /**
   * The registration, waited for at most {@code waitMs}. A socket's frames are processed in order, so
   * a registration that the cluster is slow to record (a member leaving: Hazelcast retries the write
   * for up to two minutes) must not hold back the socket's catch-ups and resends behind it. After the
   * wait the socket goes on; the registration still completes later (or fails, logged), and a client
   * notices any event it missed meanwhile by the gap in revisions and catches up.
   */
  static Future<Void> registeredOrGoOn(Future<Void> registration, long waitMs, String address) {
    return registration.timeout(waitMs, TimeUnit.MILLISECONDS).recover(t -> {
      if (!(t instanceof TimeoutException)) {
        return Future.failedFuture(t);
      }
      String docId = Addresses.docIdOf(address);
      DocLog.with(docId, () -> LOG.warn("Registration on {} not confirmed by the cluster within {} ms: the socket goes on",
          address, waitMs));
      registration.onFailure(e -> DocLog.with(docId, () -> LOG.warn("Registration on {} failed late: {}", address,
          e.getMessage())));
      return Future.succeededFuture();
    });
  }

  /** The answer to a bridged request, back to the socket at the reply address it chose (none: only logged). */
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
}
