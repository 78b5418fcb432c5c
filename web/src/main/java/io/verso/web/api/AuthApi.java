package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.LoginRequest;
import io.verso.protocol.auth.LogoutRequest;
import io.verso.protocol.auth.RefreshRequest;
import io.verso.protocol.auth.RegisterRequest;
import io.verso.protocol.auth.SessionGrant;
import io.verso.web.ClientAddresses;
import io.verso.web.auth.Identity;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.auth.SessionCookies;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/auth/*} and {@code /api/me}: the HTTP face of the auth-service. */
public final class AuthApi {
  private final EventBus bus;
  private final AuthCookies cookies;
  private final SessionCookies names;
  private final RequestIdentity identity;

  public AuthApi(EventBus bus, SessionCookies names, RequestIdentity identity) {
    this.bus = bus;
    this.cookies = new AuthCookies(names);
    this.names = names;
    this.identity = identity;
  }

  /** {@code authenticated} is the handler that requires a verified user. */
  public void mount(Router router, io.vertx.core.Handler<RoutingContext> authenticated) {
    router.route("/api/*").handler(cookies::refuseDuplicates);
    router.post("/api/auth/register").handler(this::register);
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/refresh").handler(this::refresh);
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/me").handler(authenticated).handler(this::me);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    RegisterRequest req = new RegisterRequest(Requests.string(body, "username", true),
        Requests.string(body, "password", true), Requests.string(body, "displayName", true),
        ClientAddresses.of(ctx));
    grant(ctx, Requests.request(bus, Addresses.AUTH_REGISTER, req.toJson(), null), 201);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    LoginRequest req = new LoginRequest(Requests.string(body, "username", true),
        Requests.string(body, "password", true), ClientAddresses.of(ctx));
    grant(ctx, Requests.request(bus, Addresses.AUTH_LOGIN, req.toJson(), null), 200);
  }

  private void grant(RoutingContext ctx, Future<JsonObject> reply, int status) {
    reply.map(SessionGrant::fromJson).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      SessionGrant g = ar.result();
      cookies.set(ctx, g.accessToken(), g.accessMaxAgeSeconds(), g.refreshToken(), g.refreshMaxAgeSeconds());
      Requests.json(ctx, status, new JsonObject().put("user", g.user().toPublicJson()));
    });
  }

  private void refresh(RoutingContext ctx) {
    String token = refreshToken(ctx);
    Requests.request(bus, Addresses.AUTH_REFRESH, new RefreshRequest(token).toJson(), null)
        .map(SessionGrant::fromJson)
        .onComplete(ar -> {
          if (ar.failed()) {
            // a refused token is gone for good; an outage (503) must not log the user out
            if (Failures.codeOf(ar.cause()) == ErrorCode.UNAUTHENTICATED) {
              cookies.clear(ctx);
            }
            ctx.fail(ar.cause());
            return;
          }
          SessionGrant g = ar.result();
          cookies.set(ctx, g.accessToken(), g.accessMaxAgeSeconds(), g.refreshToken(), g.refreshMaxAgeSeconds());
          Requests.noContent(ctx);
        });
  }

  /** Always 204 with both cookies cleared; revokes the refresh family and the access token's session. */
  private void logout(RoutingContext ctx) {
    String refresh = refreshToken(ctx);
    identity.of(ctx.request())
        .map(Identity::sessionId)
        .otherwise((String) null)
        .compose(sid -> Requests.request(bus, Addresses.AUTH_LOGOUT, new LogoutRequest(refresh, sid).toJson(), null))
        .onComplete(ar -> {
          // the browser forgets its cookies either way; a failed revocation is still reported
          cookies.clear(ctx);
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          Requests.noContent(ctx);
        });
  }

  /** The refresh cookie, or null when absent or too long to be one of ours (garbage is no session, not a 400). */
  private String refreshToken(RoutingContext ctx) {
    String token = names.refresh(ctx.request());
    return token == null || token.length() > RegisterRequest.MAX_FIELD ? null : token;
  }

  private void me(RoutingContext ctx) {
    Identity who = Requests.identity(ctx);
    Requests.json(ctx, 200, new JsonObject().put("id", who.userId()).put("username", who.username())
        .put("displayName", who.displayName()));
  }
}
