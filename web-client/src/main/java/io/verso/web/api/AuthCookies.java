package io.verso.web.api;

import io.verso.web.auth.RequestIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The two session cookies, written by hand so every attribute is exactly what we mean:
 * access {@code verso_at} (Path=/, Max-Age = token lifetime ≤ 900) and refresh {@code verso_rt}
 * (Path=/api/auth: only the refresh and logout endpoints ever see it); both HttpOnly,
 * SameSite=Strict, and Secure unless configured off for plain-HTTP localhost.
 */
public final class AuthCookies {
  public static final String REFRESH_PATH = "/api/auth";

  private final boolean secure;

  public AuthCookies(boolean secure) {
    this.secure = secure;
  }

  public void set(HttpServerResponse response, String accessToken, long accessMaxAge, String refreshToken,
                  long refreshMaxAge) {
    response.headers().add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.ACCESS_COOKIE, accessToken, "/", accessMaxAge));
    response.headers().add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.REFRESH_COOKIE, refreshToken, REFRESH_PATH, refreshMaxAge));
  }

  public void clear(HttpServerResponse response) {
    response.headers().add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.ACCESS_COOKIE, "", "/", 0));
    response.headers().add(HttpHeaders.SET_COOKIE, cookie(RequestIdentity.REFRESH_COOKIE, "", REFRESH_PATH, 0));
  }

  private String cookie(String name, String value, String path, long maxAge) {
    return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }
}
