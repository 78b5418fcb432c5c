package io.verso.web.bridge;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.Role;
import io.verso.protocol.auth.ShareLinkToken;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.presence.Presence;
import io.verso.protocol.storage.MemberRequest;
import io.verso.runtime.Bus;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a bridged socket may do, apart from how its frames travel: deny by default; inbound only
 * {@code send} to {@code doc.<id>} and {@code presence.<id>}, outbound only registrations on
 * {@code doc.<id>.events} and {@code presence.<id>.events}; the socket user's role on the document
 * (asked of auth once per socket and document); the verified user id, role and name stamped in the
 * headers — nothing from the frame's headers or body is trusted. The checks are static and pure; the
 * role lookup and the stamping carry the bridge's reply timeout. Used from the web verticle's context.
 */
final class BridgePolicy {
  /** Reply addresses a client may choose: 1..100 characters of [A-Za-z0-9_.:-] (see {@link #isReplyAddress}). */
  static final String REPLY_ADDRESS_REGEX = "[A-Za-z0-9_.:-]{1,100}";
  /** The user id of the web tier's own internal requests (never a real user: ids are random base64url). */
  static final String SYSTEM_USER = "verso-web-tier";
  private static final Set<String> PRESENCE_ACTIONS =
      Set.of(Presence.ACTION_UPDATE, Presence.ACTION_HEARTBEAT, Presence.ACTION_LEAVE, Presence.ACTION_LIST);

  private final EventBus bus;
  private final long replyTimeoutMs;

  BridgePolicy(EventBus bus, long replyTimeoutMs) {
    this.bus = bus;
    this.replyTimeoutMs = replyTimeoutMs;
  }

  // ---------------------------------------------------------------- addresses and bodies

  /** Whether a send to {@code address} goes to a document ({@code doc.<id>}) or else to presence ({@code presence.<id>}); any other: 403. */
  static boolean sendsToDocument(String address) {
    boolean doc = Addresses.isInboundDoc(address);
    if (!doc && !Addresses.isInboundPresence(address)) {
      throw ErrorCode.FORBIDDEN.exception("address not permitted");
    }
    return doc;
  }

  /** A socket may register on a document's or its presence's events only; any other: 403. */
  static void checkRegistration(String address) {
    if (!Addresses.isDocEvents(address) && !Addresses.isPresenceEvents(address)) {
      throw ErrorCode.FORBIDDEN.exception("address not permitted");
    }
  }

  /** The reply address a request frame chose, if it is one a client may choose ({@link #REPLY_ADDRESS_REGEX}); else null (no reply). */
  static String replyAddress(Object chosen) {
    return chosen instanceof String r && isReplyAddress(r) ? r : null;
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

  /** A send's body: a JSON object, else 400. */
  static JsonObject body(Object body) {
    if (!(body instanceof JsonObject b)) {
      throw ErrorCode.BAD_REQUEST.exception("body must be a JSON object");
    }
    return b;
  }

  /** Removes what a body might claim about its sender: who that is comes from the stamped headers only. */
  static void dropClaims(JsonObject body) {
    body.remove("userId");
    body.remove("name");
    body.remove("color");
  }

  /**
   * A submit's {@code "ack"} choice (removed from the body): {@code "reply"} (the default) answers a
   * committed op with {@code {"rev":N}}; {@code "event"} sends no reply for it — the op's own event on
   * {@code doc.<id>.events}, carrying the submitter's (clientId, seq), is the acknowledgement — while
   * failures and duplicate answers still come back to the reply address. One frame less per op for
   * clients that wait for their own event anyway. Anything else: 400.
   */
  static boolean ackByEvent(JsonObject body) {
    Object ack = body.remove("ack");
    if (ack == null || "reply".equals(ack)) {
      return false;
    }
    if (!"event".equals(ack) || !DocAction.SUBMIT.equals(body.getValue("action"))) {
      throw ErrorCode.BAD_REQUEST.exception("ack must be \"reply\" or \"event\" (event: submit only)");
    }
    return true;
  }

  /**
   * The role a document action needs over the bridge ({@link DocAction#requiredRole}); null: the action
   * is not for sockets at all (the internal {@code touch}, unknown actions).
   */
  static Role neededFor(Object docAction) {
    return DocAction.requiredRole(docAction);
  }

  /** The presence action a body asks for ({@code update} when it names none), or null when sockets may not ask it. */
  static String presenceAction(JsonObject body) {
    Object action = body.getValue("action", Presence.ACTION_UPDATE);
    return action instanceof String a && PRESENCE_ACTIONS.contains(a) ? a : null;
  }

  // ---------------------------------------------------------------- roles and identity

  /**
   * The socket user's role on a document: asked of auth once per socket (with the share-link token the
   * frame carried, if any), then kept current by role-change and link-change events.
   */
  Future<Role> role(BridgeSession s, String docId, String link) {
    return s.role(docId, link, lookup(s));
  }

  /** How the role of {@code s}'s user is asked: (docId, link token or null) → role or null. */
  SocketRoles.Lookup lookup(BridgeSession s) {
    return (d, link) -> {
      JsonObject q = new MemberRequest(d, s.identity().userId(), null).toJson();
      if (link != null) {
        q.put("link", link);
      }
      return Bus.localFirst(bus, Addresses.AUTH_ROLE, q, new DeliveryOptions().setSendTimeout(replyTimeoutMs))
          .map(body -> Role.ofWireOrNone(body.getString("role")));
    };
  }

  /** The share-link token of a {@code register} or {@code send} frame ({@code headers.link}), or null. */
  static String link(JsonObject frame) {
    return frame.getValue("headers") instanceof JsonObject h ? ShareLinkToken.of(h.getValue(ShareLinkToken.FRAME_HEADER)) : null;
  }

  /** A bridged request's options: the verified user id and name, and the role (when known) in the headers. */
  DeliveryOptions stamped(Identity id, Role role) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(replyTimeoutMs)
        .addHeader(Addresses.HEADER_USER_ID, id.userId())
        .addHeader(Addresses.HEADER_USER_NAME, id.displayName() != null ? id.displayName()
            : id.username() != null ? id.username() : id.userId());
    if (role != null) {
      options.addHeader(Addresses.HEADER_ROLE, role.wire());
    }
    return options;
  }

  /** The web tier's own requests (keeping watched documents loaded): {@link #SYSTEM_USER}, no role. */
  DeliveryOptions system() {
    return new DeliveryOptions().setSendTimeout(replyTimeoutMs).addHeader(Addresses.HEADER_USER_ID, SYSTEM_USER);
  }
}
