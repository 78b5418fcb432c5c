package io.verso.web;

import io.verso.protocol.Addresses;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.web.api.ApiRouter;
import io.verso.web.api.OriginCheck;
import io.verso.web.auth.AccessTokenVerifier;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.auth.RevokedSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web tier: one HTTP server and one Router. Today it serves the JSON API ({@link ApiRouter});
 * the SockJS bridge and the static front end mount on the same router, and reuse
 * {@link #identity()} to recognise the user at the handshake.
 */
public class WebVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebVerticle.class);
  /** Revoked sessions are remembered for as long as one of their access tokens can live. */
  private static final long REVOCATION_MEMORY_MS = 16 * 60 * 1000L;

  private HttpServer server;
  private RequestIdentity identity;
  private MessageConsumer<JsonObject> revocations;
  private long sweepTimer = -1;

  @Override
  public Future<?> start() {
    WebConfig config;
    try {
      config = WebConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    RevokedSessions revoked = new RevokedSessions(REVOCATION_MEMORY_MS, System::currentTimeMillis);
    revocations = vertx.eventBus().consumer(Addresses.AUTH_SESSION_REVOKED,
        msg -> revoked.revoke(SessionRevoked.fromJson(msg.body()).sessionId()));
    sweepTimer = vertx.setPeriodic(60_000, id -> revoked.sweep());
    identity = new RequestIdentity(new AccessTokenVerifier(vertx, revoked));
    OriginCheck origins = new OriginCheck(config.allowedOrigins());

    Router router = Router.router(vertx);
    ApiRouter.mount(vertx, router, config, identity, origins);

    return revocations.completion()
        .compose(v -> vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host()))
        .onSuccess(s -> {
          server = s;
          origins.defaultToPort(s.actualPort());
          LOG.info("HTTP API listening on {}:{} (state-changing requests allowed from {})", config.host(),
              s.actualPort(), origins.allowed());
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.all(revocations.unregister(), server == null ? Future.succeededFuture() : server.close());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** "Who is this request": for the SockJS bridge to authenticate sockets at the handshake. */
  public RequestIdentity identity() {
    return identity;
  }
}
