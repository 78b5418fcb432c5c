package io.verso.presence;

import io.verso.protocol.Addresses;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * presence-service: registers the consumers of {@link Addresses#PRESENCE_SERVICE} and of this node's
 * own {@link Addresses#presenceNode(String)} (same handler), and wires Redis, the periodic renewal and
 * {@link PresenceService}. Deploy one instance per node: all the messages of one client reach one
 * instance (see {@link Addresses#PRESENCE_SERVICE}), which keeps its throttling and ownership exact.
 * When no Redis is configured an embedded one is started (and stopped with the verticle).
 *
 * <p>Undeploying stops renewing this node's entries without removing them: they expire with the TTL,
 * exactly as after a crash (a graceful shutdown closes the sockets first, and the web tier sends a
 * {@code leave} for each).
 */
public final class PresenceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceVerticle.class);
  private PresenceMetrics metrics;

  private EmbeddedRedis embedded;
  private Redis redis;
  private PresenceService service;
  private MessageConsumer<Object> consumer;
  private MessageConsumer<Object> nodeConsumer;
  private long timer = -1;

  @Override
  public Future<?> start() {
    PresenceConfig initial;
    try {
      initial = PresenceConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<PresenceConfig> configured = initial.redisUri() != null
        ? Future.succeededFuture(initial)
        : vertx.executeBlocking(() -> {
          embedded = EmbeddedRedis.start();
          LOG.warn("No Redis configured (redis.uri / {}): using an embedded Redis at {}",
              PresenceConfig.ENV_REDIS_URI, embedded.uri());
          return initial.withRedisUri(embedded.uri());
        });
    return configured.compose(config -> {
      redis = Redis.createClient(vertx, new RedisOptions()
          .setConnectionString(config.redisUri())
          .setMaxPoolSize(8)
          .setMaxPoolWaiting(1024)
          .setNetClientOptions(new NetClientOptions()
              .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.redisTimeoutMs()))
              .setTcpNoDelay(true)));
      ClusterManager cluster = vertx instanceof VertxInternal internal ? internal.clusterManager() : null;
      String nodeId = cluster != null ? cluster.getNodeId() : UUID.randomUUID().toString();
      service = new PresenceService(nodeId, config, Timers.of(vertx), vertx.eventBus()::publish,
          (address, userId, body) -> vertx.eventBus().send(address, body,
              new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, userId)),
          redis, cluster == null ? null : cluster::getNodes);
      metrics = new PresenceMetrics(service);
      timer = vertx.setPeriodic(config.heartbeatIntervalMs(), id -> tick());
      consumer = vertx.eventBus().consumer(Addresses.PRESENCE_SERVICE, this::handle);
      nodeConsumer = vertx.eventBus().consumer(Addresses.presenceNode(nodeId), this::handle);
      LOG.info("presence-service ready on {} (ttl {} s, renewal every {} ms, {} states/s per client)",
          Addresses.presenceNode(nodeId), config.ttlSeconds(), config.heartbeatIntervalMs(),
          config.throttlePerSecond());
      return Future.all(consumer.completion(), nodeConsumer.completion());
    });
  }

  private void handle(Message<Object> message) {
    Failures.respond(message, () -> service.handle(message.headers().get(Addresses.HEADER_USER_ID),
        message.headers().get(Addresses.HEADER_USER_NAME), message.body()));
  }

  private void tick() {
    try {
      service.tick();
    } catch (RuntimeException e) {
      LOG.error("presence renewal failed", e);
    }
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (metrics != null) {
      metrics.close();
    }
    Future<?> unregistered = Future.join(
        consumer == null ? Future.succeededFuture() : consumer.unregister(),
        nodeConsumer == null ? Future.succeededFuture() : nodeConsumer.unregister());
    return unregistered.otherwiseEmpty()
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close())
        .eventually(() -> embedded == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              embedded.stop();
              return null;
            }));
  }
}
