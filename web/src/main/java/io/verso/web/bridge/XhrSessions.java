package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds SockJS's xhr transports to the login session that opened them. Their requests name the SockJS
 * session in the URL only ({@code /eventbus/<server>/<session>/xhr_send}, {@code …/xhr},
 * {@code …/xhr_streaming}, {@code …/eventsource}): an id the client chose, short, and written in proxy
 * logs. A request naming a session that exists must carry an access cookie of the same login session
 * as the socket's (its {@code sid}, which survives token refreshes), verified — not merely decoded; else
 * it is refused (401 without a valid cookie, 403 with another session's) before SockJS sees it, its body
 * unread, and the connection closed. A send to a session that does not exist is refused (404) the same
 * way, unread. A receiving request naming an unknown session opens a new socket, authenticated by its
 * own cookie like any handshake. A token that already passed for the socket is recognised by comparing
 * it with the last one verified, so the check costs one string comparison per request.
 * Used from the web verticle's context only.
 */
final class XhrSessions {
  /** The xhr-family requests of the SockJS handler mounted at {@code /eventbus} (server and session: no '/' or '.'). */
  static final String PATH_REGEX = "/eventbus/[^/.]+/([^/.]+)/(xhr|xhr_send|xhr_streaming|eventsource)";
  /** The sends among them: their body holds frames. */
  static final String SEND_PATH_REGEX = "/eventbus/[^/.]+/[^/.]+/xhr_send";
  private static final Pattern PATH = Pattern.compile(PATH_REGEX);
  private static final String SEND = "xhr_send";

  /** A socket opened by an xhr-family request, and the access token last verified as of its login session. */
  private static final class Owner {
    final BridgeSession socket;
    String verifiedToken;
    long verifiedUntilSeconds;

    Owner(BridgeSession socket) {
      this.socket = socket;
    }
  }

  private final RequestIdentity identities;
  private final Map<String, Owner> owners = new HashMap<>();

  XhrSessions(RequestIdentity identities) {
    this.identities = identities;
  }

  /** The SockJS session id named by an xhr-family request path, or null (WebSocket transports have none). */
  static String sessionIdOf(String path) {
    Matcher m = path == null ? null : PATH.matcher(path);
    return m != null && m.matches() ? m.group(1) : null;
  }

  /** A socket was opened by the xhr-family request with {@code path}: later requests on its session must be its user's. */
  void opened(String path, BridgeSession socket) {
    String id = sessionIdOf(path);
    if (id == null) {
      return;
    }
    Owner owner = new Owner(socket);
    owners.put(id, owner);
    socket.onClose(() -> owners.remove(id, owner));
  }

  /** Router handler for {@link #PATH_REGEX}, in front of the body handler and SockJS. */
  void handle(RoutingContext ctx) {
    Matcher m = PATH.matcher(ctx.request().path());
    if (!m.matches()) {
      ctx.next();
      return;
    }
    Owner owner = owners.get(m.group(1));
    boolean send = SEND.equals(m.group(2));
    if (owner == null) {
      if (send) {
        refuse(ctx, ErrorCode.NOT_FOUND, "no such session");
      } else {
        ctx.next(); // a new socket: authenticated by this request's own cookie
      }
      return;
    }
    HttpServerRequest request = ctx.request();
    if (send) {
      request.pause(); // the body waits, unread, until the request is known to be the owner's
    }
    sameLogin(owner, request.headers()).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.next(); // for a send, the body handler reads the body (resuming the request)
      } else {
        ErrorCode code = ar.cause() instanceof VersoException ve ? ve.code() : ErrorCode.UNAUTHENTICATED;
        refuse(ctx, code, code == ErrorCode.FORBIDDEN ? "not your session" : "not logged in or session expired");
      }
    });
  }

  /** Succeeds when the request's access cookie is a valid token of the socket's login session. */
  private Future<Void> sameLogin(Owner owner, MultiMap headers) {
    String token = RequestIdentity.cookieValue(headers, RequestIdentity.ACCESS_COOKIE);
    if (token == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception());
    }
    if (token.equals(owner.verifiedToken) && owner.verifiedUntilSeconds > System.currentTimeMillis() / 1000) {
      return Future.succeededFuture();
    }
    return owner.socket.identified().compose(mine -> identities.ofHeaders(headers).compose(theirs -> {
      if (!sameLogin(mine, theirs)) {
        return Future.failedFuture(ErrorCode.FORBIDDEN.exception());
      }
      owner.verifiedToken = token;
      owner.verifiedUntilSeconds = theirs.expiresAtSeconds();
      return Future.succeededFuture();
    }));
  }

  private static boolean sameLogin(Identity a, Identity b) {
    return a.userId().equals(b.userId()) && a.sessionId() != null && a.sessionId().equals(b.sessionId());
  }

  /**
   * Answers at once; whatever body the request has is never read: an HTTP/1 connection is closed after
   * the answer (an HTTP/2 stream just ends: the connection carries other requests).
   */
  private static void refuse(RoutingContext ctx, ErrorCode code, String message) {
    if (ctx.response().ended()) {
      return;
    }
    boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
    if (http1) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    ctx.response().setStatusCode(code.httpStatus()).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(message)
        .onComplete(v -> {
          if (http1) {
            ctx.request().connection().close();
          }
        });
  }
}
