package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.verso.web.auth.SessionCookies;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * The two session cookies, written by hand so every attribute is exactly what we mean:
 * <ul>
 *   <li>access {@code __Host-verso_at}: {@code Path=/; Max-Age=<token lifetime, ≤ 900>};</li>
 *   <li>refresh {@code __Secure-verso_rt}: {@code Path=/api/auth} (only the auth endpoints ever see it);</li>
 * </ul>
 * both {@code HttpOnly; SameSite=Strict; Secure}, never a {@code Domain}. Only when the request came
 * over plain HTTP to a localhost name ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x},
 * {@code [::1]}) and {@code http.secureCookies} is false are they {@code verso_at} / {@code verso_rt}
 * without {@code Secure} (a browser refuses Secure and prefixed cookies there). Names and reading:
 * {@link SessionCookies}.
 */
public final class AuthCookies {
  public static final String REFRESH_PATH = "/api/auth";

  private final SessionCookies names;

  public AuthCookies(SessionCookies names) {
    this.names = names;
  }

  public void set(RoutingContext ctx, String accessToken, long accessMaxAge, String refreshToken, long refreshMaxAge) {
    HttpServerRequest request = ctx.request();
    boolean secure = names.secure(request);
    ctx.response().headers()
        .add(HttpHeaders.SET_COOKIE, cookie(names.accessName(request), accessToken, "/", accessMaxAge, secure))
        .add(HttpHeaders.SET_COOKIE, cookie(names.refreshName(request), refreshToken, REFRESH_PATH, refreshMaxAge, secure));
  }

  public void clear(RoutingContext ctx) {
    set(ctx, "", 0, "", 0);
  }

  /**
   * Handler for /api: a request carrying a session cookie twice gets 401 and both cookies cleared,
   * before anything reads them (whichever value were taken, it could be one a sibling site planted).
   */
  public void refuseDuplicates(RoutingContext ctx) {
    if (names.duplicated(ctx.request())) {
      clear(ctx);
      ctx.fail(ErrorCode.UNAUTHENTICATED.exception("duplicate session cookies: sign in again"));
    } else {
      ctx.next();
    }
  }

  static boolean isLocalhost(HostAndPort authority) {
    return SessionCookies.isLocalhost(authority);
  }

  private static String cookie(String name, String value, String path, long maxAge, boolean secure) {
    return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }
}
