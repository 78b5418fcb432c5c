package io.verso.web.api;

import io.verso.web.auth.RequestIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The two session cookies, written by hand so every attribute is exactly what we mean:
 * <ul>
 *   <li>access {@code verso_at}: {@code Path=/; Max-Age=<token lifetime, ≤ 900>};</li>
 *   <li>refresh {@code verso_rt}: {@code Path=/api/auth} (only the auth endpoints ever see it);</li>
 * </ul>
 * both {@code HttpOnly; SameSite=Strict}, and {@code Secure} unless the request came over plain
 * HTTP to a localhost name ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code [::1]})
 * and {@code http.secureCookies} is false. With {@code http.secureCookies} true (the default) they
 * are always Secure.
 */
public final class AuthCookies {
  public static final String REFRESH_PATH = "/api/auth";

  private final boolean alwaysSecure;

  public AuthCookies(boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
  }

  public void set(RoutingContext ctx, String accessToken, long accessMaxAge, String refreshToken, long refreshMaxAge) {
    boolean secure = secure(ctx.request());
    ctx.response().headers()
        .add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.ACCESS_COOKIE, accessToken, "/", accessMaxAge, secure))
        .add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.REFRESH_COOKIE, refreshToken, REFRESH_PATH, refreshMaxAge, secure));
  }

  public void clear(RoutingContext ctx) {
    set(ctx, "", 0, "", 0);
  }

  /** Secure unless allowed off and this is plain HTTP to localhost. */
  boolean secure(HttpServerRequest request) {
    return alwaysSecure || request.isSSL() || !isLocalhost(request.authority());
  }

  static boolean isLocalhost(HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    String host = authority.host().toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.endsWith(".localhost")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || host.equals("[::1]") || host.equals("::1");
  }

  private static String cookie(String name, String value, String path, long maxAge, boolean secure) {
    return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }
}
