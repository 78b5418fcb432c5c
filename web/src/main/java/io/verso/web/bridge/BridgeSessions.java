package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.web.auth.Identity;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * This node's open bridge sockets, and what the rest of the system tells them: a user's role changed
 * (auth), a document was renamed (storage) or trashed (documents service), a login session was revoked (auth) — the affected sockets
 * are found here and told, or closed. Sockets are created into the set here, and closed here, once:
 * their registrations dropped, their presence clients left, counted per reason. Used from the web verticle's context only.
 */
public final class BridgeSessions {
  private final BridgeHub hub;
  private final BridgePresence presence;
  private final BridgeConfig config;
  private final Set<BridgeSession> open = new LinkedHashSet<>();
  private final long[] closes = new long[BridgeSession.CloseReason.values().length];

  BridgeSessions(BridgeHub hub, BridgePresence presence, BridgeConfig config) {
    this.hub = hub;
    this.presence = presence;
    this.config = config;
  }

  /** A new socket, open from now on, with its own frame rate; {@code grants}: what its transport vouches for, or null (roles asked). */
  BridgeSession open(BridgeSession.Transport transport, ServiceGrants grants) {
    long now = System.nanoTime();
    BridgeSession s = new BridgeSession(transport, new TokenBucket(config.framesPerSecond(), config.frameBurst(), now),
        grants, now);
    open.add(s);
    return s;
  }

  /** Sockets open now. */
  public int count() {
    return open.size();
  }

  /** Sockets closed so far for {@code reason} (a slow reader counts when its socket is finally dropped). */
  public long closed(BridgeSession.CloseReason reason) {
    return closes[reason.ordinal()];
  }

  /** The bridge ends the socket: a socket-level {@code err}, then closed. */
  void end(BridgeSession s, BridgeSession.CloseReason reason, ErrorCode code, String message) {
    s.deliver(Frames.err(null, code, message).encode());
    close(s, reason);
  }

  /** The socket is closed (by the bridge for {@code reason}, or found closed): its registrations dropped, its presence clients left. Once. */
  void close(BridgeSession s, BridgeSession.CloseReason reason) {
    if (!open.remove(s)) {
      return;
    }
    s.close(reason);
    closes[s.closeReason().ordinal()]++;
    s.unregisterAll(hub);
    presence.leaveAll(s);
  }

  /** Closes sockets that sent nothing (not even a ping) for the idle timeout. */
  public void sweepIdle() {
    long now = System.nanoTime();
    for (BridgeSession s : new ArrayList<>(open)) {
      if (s.idleSince(now, config.idleTimeoutMs() * 1_000_000L)) {
        close(s, BridgeSession.CloseReason.IDLE);
      }
    }
  }

  /**
   * A membership changed: that user's open sockets here see it at once. Their known role is replaced;
   * removed, a socket's registrations on the document are dropped and, if it watched the document, it
   * gets {@code err} 403 on {@code doc.<id>.events}; otherwise a watching socket gets
   * {@code {"type":"role","role"}} there.
   */
  public void roleChanged(RoleChanged change) {
    String docEvents = Addresses.docEvents(change.docId());
    String presenceEvents = Addresses.presenceEvents(change.docId());
    for (BridgeSession s : new ArrayList<>(open)) {
      if (s.identity() == null || !s.identity().userId().equals(change.userId())) {
        continue;
      }
      s.roleChanged(change.docId(), change.role());
      boolean watching = s.isRegistered(docEvents);
      if (change.role() == null) {
        for (String a : List.of(docEvents, presenceEvents)) {
          s.unregister(a, hub);
        }
        if (watching) {
          s.deliver(Frames.err(docEvents, ErrorCode.FORBIDDEN, "your access to this document was removed").encode());
        }
      } else if (watching) {
        s.deliver(Frames.rec(docEvents, new JsonObject().put("type", "role").put("role", change.role().wire())).encode());
      }
    }
  }

  /**
   * A document was moved to the trash: every socket here watching it gets {@code {"type":"trashed"}}
   * on {@code doc.<id>.events}, then loses its registrations on the document and the role it knew
   * (whoever it belongs to, owners included: until a restore it is nobody's, and a socket asking
   * again is refused like a stranger's).
   */
  public void docTrashed(String docId) {
    String docEvents = Addresses.docEvents(docId);
    String presenceEvents = Addresses.presenceEvents(docId);
    String trashed = Frames.rec(docEvents, new JsonObject().put("type", "trashed")).encode();
    for (BridgeSession s : new ArrayList<>(open)) {
      if (s.isRegistered(docEvents)) {
        s.deliver(trashed);
      }
      for (String a : List.of(docEvents, presenceEvents)) {
        s.unregister(a, hub);
      }
      s.roleChanged(docId, null);
    }
  }

  /** A document was renamed: every socket here watching its events gets {@code {"type":"title","title"}}. */
  public void titleChanged(String docId, String title) {
    hub.deliverHere(Addresses.docEvents(docId), new JsonObject().put("type", "title").put("title", title));
  }

  /** Logout or refresh-token reuse: the session's sockets (all the user's, when no session is named) are closed at once. */
  public void sessionRevoked(SessionRevoked revoked) {
    for (BridgeSession s : new ArrayList<>(open)) {
      Identity id = s.identity();
      if (id != null && (revoked.sessionId() != null ? revoked.sessionId().equals(id.sessionId())
          : id.userId().equals(revoked.userId()))) {
        end(s, BridgeSession.CloseReason.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED, "session revoked");
      }
    }
  }

  /** Sockets registered per address, for diagnostics. */
  public Map<String, Integer> registrationsByAddress() {
    Map<String, Integer> counts = new TreeMap<>();
    for (BridgeSession s : open) {
      for (String a : s.registrations()) {
        counts.merge(a, 1, Integer::sum);
      }
    }
    return counts;
  }
}
