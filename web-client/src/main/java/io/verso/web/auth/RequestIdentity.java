package io.verso.web.auth;

import io.verso.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * "Who is this request": turns the access cookie of an HTTP request — or the headers of a
 * WebSocket/SockJS handshake — into a verified {@link Identity}, or fails UNAUTHENTICATED.
 */
public final class RequestIdentity {
  public static final String ACCESS_COOKIE = "verso_at";
  public static final String REFRESH_COOKIE = "verso_rt";

  private final AccessTokenVerifier verifier;

  public RequestIdentity(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  public Future<Identity> of(HttpServerRequest request) {
    Cookie cookie = request.getCookie(ACCESS_COOKIE);
    return verify(cookie == null ? null : cookie.getValue());
  }

  /** For handshakes where only the headers are at hand (e.g. a SockJS socket's {@code headers()}). */
  public Future<Identity> ofHeaders(MultiMap headers) {
    return verify(cookieValue(headers, ACCESS_COOKIE));
  }

  private Future<Identity> verify(String token) {
    if (token == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.exception("not logged in"));
    }
    return verifier.verify(token);
  }

  /** The value of a cookie in the {@code Cookie} headers, or null. */
  public static String cookieValue(MultiMap headers, String name) {
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }
}
