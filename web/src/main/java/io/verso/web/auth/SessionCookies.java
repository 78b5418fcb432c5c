package io.verso.web.auth;

import io.verso.protocol.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names of the two session cookies and how they are read.
 *
 * <p>Secure cookies are named {@code __Host-verso_at} (access) and {@code __Secure-verso_rt}
 * (refresh): a browser accepts a {@code __Host-} cookie only from this very host over TLS, with
 * {@code Secure}, {@code Path=/} and no {@code Domain}, and a {@code __Secure-} one only over TLS with
 * {@code Secure}, so a sibling subdomain (or a plain-HTTP response on the network) cannot plant a
 * session of its choosing. The plain names {@code verso_at} / {@code verso_rt} are used only where
 * cookies cannot be Secure: plain HTTP to a localhost name with {@code http.secureCookies=false}
 * (development).
 *
 * <p>A request carrying two values for a session cookie (the second one tossed in by another site
 * of the same domain, or by a path-scoped copy) is refused: picking either could hand the request to
 * a session the user never chose.
 */
public final class SessionCookies {
  public static final String ACCESS = "verso_at";
  public static final String REFRESH = "verso_rt";
  public static final String SECURE_ACCESS = "__Host-" + ACCESS;
  public static final String SECURE_REFRESH = "__Secure-" + REFRESH;

  private final boolean alwaysSecure;
  private final String plainHttpHost;

  /** {@code alwaysSecure}: {@code http.secureCookies} (false only allows the plain-HTTP localhost mode). */
  public SessionCookies(boolean alwaysSecure) {
    this(alwaysSecure, null);
  }

  /**
   * {@code plainHttpHost}: the host of a plain-HTTP public URL allowed by {@code http.allowInsecureHttp}
   * (null: none), whose plain-HTTP requests get unprefixed cookies without Secure — a browser drops
   * Secure ones there, and sign-in would silently not stick.
   */
  public SessionCookies(boolean alwaysSecure, String plainHttpHost) {
    this.alwaysSecure = alwaysSecure;
    this.plainHttpHost = plainHttpHost;
  }

  /**
   * Whether this request's session cookies are Secure (and prefixed): unless this is plain HTTP to
   * the allowed plain-HTTP public host, or allowed off and plain HTTP to localhost.
   */
  public boolean secure(HttpServerRequest request) {
    if (request.isSSL()) {
      return true;
    }
    HostAndPort authority = request.authority();
    if (plainHttpHost != null && authority != null && authority.host().equalsIgnoreCase(plainHttpHost)) {
      return false;
    }
    return alwaysSecure || !isLocalhost(authority);
  }

  public String accessName(HttpServerRequest request) {
    return secure(request) ? SECURE_ACCESS : ACCESS;
  }

  public String refreshName(HttpServerRequest request) {
    return secure(request) ? SECURE_REFRESH : REFRESH;
  }

  /** The access token of the request; null when absent; UNAUTHENTICATED when the cookie comes twice. */
  public String access(HttpServerRequest request) {
    return single(request.headers(), accessName(request));
  }

  /** The refresh token of the request; null when absent; UNAUTHENTICATED when the cookie comes twice. */
  public String refresh(HttpServerRequest request) {
    return single(request.headers(), refreshName(request));
  }

  /** Whether the request carries either of its session cookies more than once. */
  public boolean duplicated(HttpServerRequest request) {
    return values(request.headers(), accessName(request)).size() > 1
        || values(request.headers(), refreshName(request)).size() > 1;
  }

  /**
   * The access token from a socket handshake's headers, where the request itself is gone: the
   * prefixed name, and in the development mode ({@code http.secureCookies=false}) or with an allowed
   * plain-HTTP public URL the plain one when no prefixed one came. Null when absent; UNAUTHENTICATED when it comes twice.
   */
  public String accessFromHeaders(MultiMap headers) {
    if (alwaysSecure && plainHttpHost == null || !values(headers, SECURE_ACCESS).isEmpty()) {
      return single(headers, SECURE_ACCESS);
    }
    return single(headers, ACCESS);
  }

  /** The one value of cookie {@code name}; null when absent; UNAUTHENTICATED when there are several. */
  public static String single(MultiMap headers, String name) {
    List<String> found = values(headers, name);
    if (found.size() > 1) {
      throw ErrorCode.UNAUTHENTICATED.exception("duplicate session cookies: sign in again");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** Every value of cookie {@code name} (exact, case-sensitive name) in the request's Cookie headers, in order. */
  public static List<String> values(MultiMap headers, String name) {
    List<String> found = new ArrayList<>(1);
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          found.add(pair.substring(eq + 1).trim());
        }
      }
    }
    return found;
  }

  public static boolean isLocalhost(HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    return isLocalhostName(authority.host());
  }

  /** localhost, *.localhost, 127.x.x.x or ::1 (with or without brackets). */
  public static boolean isLocalhostName(String name) {
    String host = name.toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.endsWith(".localhost")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || host.equals("[::1]") || host.equals("::1");
  }
}
