package io.verso.web.auth;

import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * "Who is this request": turns the access cookie of an HTTP request — or the headers of a
 * WebSocket/SockJS handshake — into a verified {@link Identity}, or fails UNAUTHENTICATED (also when
 * the access cookie comes twice). Cookie names: {@link SessionCookies}.
 */
public final class RequestIdentity {
  /** The plain-HTTP localhost names; Secure cookies carry the prefixes of {@link SessionCookies}. */
  public static final String ACCESS_COOKIE = SessionCookies.ACCESS;
  public static final String REFRESH_COOKIE = SessionCookies.REFRESH;

  private final AccessTokenVerifier verifier;
  private final SessionCookies cookies;

  /** With Secure (prefixed) cookies only. */
  public RequestIdentity(AccessTokenVerifier verifier) {
    this(verifier, new SessionCookies(true));
  }

  public RequestIdentity(AccessTokenVerifier verifier, SessionCookies cookies) {
    this.verifier = verifier;
    this.cookies = cookies;
  }

  public Future<Identity> of(HttpServerRequest request) {
    try {
      return verify(cookies.access(request));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** For handshakes where only the headers are at hand (e.g. a SockJS socket's {@code headers()}). */
  public Future<Identity> ofHeaders(MultiMap headers) {
    try {
      return verify(cookies.accessFromHeaders(headers));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Identity> verify(String token) {
    if (token == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("not logged in"));
    }
    return verifier.verify(token);
  }

  /** The value of a cookie in the {@code Cookie} headers; null when absent; UNAUTHENTICATED when it comes twice. */
  public static String cookieValue(MultiMap headers, String name) {
    return SessionCookies.single(headers, name);
  }
}
