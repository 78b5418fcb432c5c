package io.verso.web;

import io.verso.protocol.Addresses;
import io.verso.protocol.auth.LinkChanged;
import io.verso.protocol.auth.RoleChanged;
import io.verso.protocol.auth.SessionRevoked;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.web.bridge.BridgeConfig;
import io.verso.web.bridge.BridgeEngine;
import io.verso.web.bridge.BridgeSession;
import io.verso.web.bridge.BridgeSessions;
import io.verso.web.bridge.SockJsBridge;
import io.verso.web.api.ApiRouter;
import io.verso.web.api.ImagesConfig;
import io.verso.web.api.ImportConfig;
import io.verso.web.api.OriginCheck;
import io.verso.web.auth.AccessTokenVerifier;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.auth.RevokedSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.verso.web.bridge.TcpBridge;
import io.verso.web.bridge.TcpBridgeConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web tier: one HTTP server and one Router serving the JSON API ({@link ApiRouter}), the SockJS
 * event-bus bridge ({@link SockJsBridge}, sockets authenticated by the access cookie of the handshake)
 * and the browser app ({@link StaticAssets}). Health and metrics are not served here, only on the ops
 * server ({@link io.verso.web.ops.OpsVerticle}), which the launcher starts beside it.
 */
public class WebVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebVerticle.class);
  /** Revoked sessions are remembered for as long as one of their access tokens can live. */
  private static final long REVOCATION_MEMORY_MS = 16 * 60 * 1000L;

  private HttpServer server;
  private NetServer tcpServer;
  private Gauge socketsGauge;
  private final java.util.List<FunctionCounter> closeCounters = new java.util.ArrayList<>();
  private RequestIdentity identity;
  private MessageConsumer<JsonObject> revocations;
  private MessageConsumer<JsonObject> roleChanges;
  private MessageConsumer<JsonObject> linkChanges;
  private MessageConsumer<JsonObject> renames;
  private MessageConsumer<Object> trashings;
  private BridgeEngine bridge;
  private long sweepTimer = -1;
  private long touchTimer = -1;

  @Override
  public Future<?> start() {
    WebConfig config;
    try {
      config = WebConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    BridgeConfig bridgeConfig;
    TcpBridgeConfig tcpConfig;
    try {
      bridgeConfig = BridgeConfig.from(config());
      tcpConfig = TcpBridgeConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    RevokedSessions revoked = new RevokedSessions(REVOCATION_MEMORY_MS, System::currentTimeMillis);
    identity = new RequestIdentity(new AccessTokenVerifier(vertx, revoked, config.tokenLeewaySeconds()),
        config.sessionCookies());
    bridge = new BridgeEngine(vertx, identity, bridgeConfig);
    BridgeSessions sockets = bridge.sessions();
    socketsGauge = Gauge.builder("verso.web.sockets.open", sockets, BridgeSessions::count)
        .description("bridge sockets open on this node (SockJS and TCP)").strongReference(true)
        .register(Metrics.globalRegistry);
    for (BridgeSession.CloseReason reason : BridgeSession.CloseReason.values()) {
      closeCounters.add(FunctionCounter.builder("verso.web.sockets.closed", sockets, b -> b.closed(reason))
          .description("bridge sockets ended, by reason").tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
          .register(Metrics.globalRegistry));
    }
    revocations = vertx.eventBus().consumer(Addresses.AUTH_SESSION_REVOKED, msg -> {
      SessionRevoked event = SessionRevoked.fromJson(msg.body());
      revoked.revoke(event.sessionId());
      sockets.sessionRevoked(event);
    });
    roleChanges = vertx.eventBus().consumer(Addresses.AUTH_ROLE_CHANGED,
        msg -> sockets.roleChanged(RoleChanged.fromJson(msg.body())));
    trashings = vertx.eventBus().consumer(Addresses.DOCS_TRASHED,
        msg -> sockets.docTrashed(DocIdRequest.fromJson(Fields.body(msg.body())).docId()));
    linkChanges = vertx.eventBus().consumer(Addresses.AUTH_LINK_CHANGED,
        msg -> sockets.linkChanged(LinkChanged.fromJson(msg.body()).docId()));
    renames = vertx.eventBus().consumer(Addresses.STORAGE_DOC_RENAMED, msg -> {
      DocRecord doc = DocRecord.fromJson(msg.body());
      sockets.titleChanged(doc.id(), doc.title());
    });
    sweepTimer = vertx.setPeriodic(Math.min(5_000, bridgeConfig.idleTimeoutMs() / 2), id -> {
      revoked.sweep();
      sockets.sweepIdle();
    });
    // Documents with open sockets here stay loaded (edit-service unloads documents idle for 2 min).
    touchTimer = vertx.setPeriodic(bridgeConfig.touchIntervalMs(), id -> bridge.touchWatchedDocuments());
    OriginCheck origins = config.originCheck();
    ClientAddresses clients;
    ImagesConfig imagesConfig;
    ImportConfig importConfig;
    try {
      clients = ClientAddresses.from(config());
      imagesConfig = ImagesConfig.from(config());
      importConfig = ImportConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }

    Router router = Router.router(vertx);
    // first: every handler after it (throttling, socket caps) counts the real client, not the proxy
    router.route().handler(clients::tag);
    ApiRouter.mount(vertx, router, config, imagesConfig, importConfig, identity, origins);
    SockJsBridge.mount(vertx, router, bridge, bridgeConfig, origins, identity);
    StaticAssets.mount(vertx, router);
    Future<?> tcp = !tcpConfig.enabled() ? Future.succeededFuture()
        : new TcpBridge(vertx, bridge, tcpConfig, bridgeConfig).listen().onSuccess(s -> tcpServer = s);

    return Future.all(List.of(revocations.completion(), roleChanges.completion(), linkChanges.completion(), renames.completion(),
            trashings.completion(), tcp))
        .compose(v -> vertx.createHttpServer(serverOptions(config, bridgeConfig)
                .setUseProxyProtocol(ClientAddresses.proxyProtocol(config()))).requestHandler(router)
            .listen(config.port(), config.host()))
        .onSuccess(s -> {
          server = s;
          origins.defaultToPort(s.actualPort());
          LOG.info("HTTP API listening on {}:{} (state-changing requests allowed from {})", config.host(),
              s.actualPort(), origins.allowed());
          if (config.insecureHttp()) {
            LOG.warn("INSECURE: serving {} over plain HTTP (--allow-insecure-http): passwords and session cookies"
                + " (without Secure) cross the network unencrypted, and anyone on the path can take over a session."
                + " Only on a network you trust; put Verso behind HTTPS and set --public-url=https://… instead"
                + " (docs/SECURITY.md)", config.publicUrl().origin());
          }
        });
  }

  /** The HTTP server's options: idle connections, WebSocket sizes and compression. */
  static HttpServerOptions serverOptions(WebConfig config, BridgeConfig bridgeConfig) {
    boolean compress = config.webSocketCompressionLevel() > 0;
    return new HttpServerOptions()
        .setIdleTimeout(config.idleTimeoutSeconds()) // silent connections do not hold a place for ever
        .setMaxWebSocketFrameSize(2 * bridgeConfig.maxMessageBytes())
        .setMaxWebSocketMessageSize(2 * bridgeConfig.maxMessageBytes())
        // what browsers offer is taken or not by this setting alone (they always offer permessage-deflate)
        .setPerMessageWebSocketCompressionSupported(compress)
        .setPerFrameWebSocketCompressionSupported(compress)
        .setWebSocketCompressionLevel(compress ? config.webSocketCompressionLevel() : 1);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(touchTimer);
    if (socketsGauge != null) {
      Metrics.globalRegistry.remove(socketsGauge);
    }
    closeCounters.forEach(Metrics.globalRegistry::remove);
    return Future.all(List.of(revocations.unregister(), roleChanges.unregister(), linkChanges.unregister(), renames.unregister(),
        trashings.unregister(), server == null ? Future.succeededFuture() : server.close(),
        tcpServer == null ? Future.succeededFuture() : tcpServer.close()));
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** The SockJS bridge (its fan-out and open sockets, for tests and metrics). */
  public BridgeEngine bridge() {
    return bridge;
  }

  /** "Who is this request": for the SockJS bridge to authenticate sockets at the handshake. */
  public RequestIdentity identity() {
    return identity;
  }
}
