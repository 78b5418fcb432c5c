package io.verso.runtime.testing;

import io.verso.runtime.FreePorts;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts small clusters of Vert.x instances for tests of every module: Hazelcast bound to 127.0.0.1,
 * TCP/IP join on the members' own ports (multicast and auto-detection off), a random cluster name per
 * call (so a test never joins another test's cluster running on the same machine), phone-home off and
 * short failure detection (a killed member is noticed within about 5 seconds).
 *
 * <pre>{@code
 * List<Vertx> nodes = Clusters.start(2).await();
 * ...
 * Clusters.kill(nodes.get(0)).await();   // abrupt: no goodbye to the cluster
 * Clusters.close(nodes).await();
 * }</pre>
 */
public final class Clusters {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Map<Vertx, HazelcastClusterManager> MANAGERS = new ConcurrentHashMap<>();

  private Clusters() {}

  /** Starts {@code n} clustered Vert.x instances in a new cluster; they have all joined when it completes. */
  public static Future<List<Vertx>> start(int n) {
    return start(n, new VertxOptions());
  }

  /**
   * Starts {@code n} clustered instances with {@code options} (copied; its event bus is bound to
   * 127.0.0.1 on a free port). Members start one after the other, each joining the ones before it.
   */
  public static Future<List<Vertx>> start(int n, VertxOptions options) {
    if (n < 1) {
      return Future.failedFuture(new IllegalArgumentException("n must be >= 1"));
    }
    String clusterName = "verso-test-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(freePort());
    }
    List<Vertx> started = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      int index = i;
      chain = chain.compose(v -> offContext(
              () -> startMember(clusterName, ports.get(index), ports.subList(0, index + 1), options)))
          .map(vertx -> {
            started.add(vertx);
            return null;
          });
    }
    return chain.<List<Vertx>>map(v -> List.copyOf(started))
        .recover(err -> close(started).transform(ar -> Future.failedFuture(err)));
  }

  /** Runs {@code task} on a plain thread: a Vert.x instance is never created from another one's event loop. */
  private static <T> Future<T> offContext(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    CompletableFuture.runAsync(() -> {
      try {
        task.get().onComplete(promise::complete, promise::fail);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private static Future<Vertx> startMember(String clusterName, int port, List<Integer> memberPorts,
      VertxOptions options) {
    HazelcastClusterManager manager = new HazelcastClusterManager(config(clusterName, port, memberPorts));
    VertxOptions copy = new VertxOptions(options);
    copy.getEventBusOptions().setHost(LOOPBACK).setPort(0).setClusterPublicHost(LOOPBACK);
    return Vertx.builder().with(copy).withClusterManager(manager).buildClustered()
        .onSuccess(vertx -> MANAGERS.put(vertx, manager));
  }

  /** The Hazelcast configuration of one test member (Vert.x's default maps and multimaps included). */
  public static Config config(String clusterName, int port, List<Integer> memberPorts) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "2");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(LOOPBACK));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(
        memberPorts.stream().map(p -> LOOPBACK + ":" + p).toList());
    return config;
  }

  /** The Hazelcast cluster manager of an instance started here (null for other instances). */
  public static HazelcastClusterManager manager(Vertx vertx) {
    return MANAGERS.get(vertx);
  }

  /**
   * Stops one member abruptly: its Hazelcast instance is terminated without a graceful leave (the
   * others notice through missed heartbeats, as after a crash), then its Vert.x instance is closed.
   * Completes when both are down; close failures caused by the terminated cluster are ignored.
   */
  public static Future<Void> kill(Vertx vertx) {
    HazelcastClusterManager manager = MANAGERS.remove(vertx);
    if (manager == null) {
      return Future.failedFuture(new IllegalArgumentException("not a member started by Clusters"));
    }
    // A plain thread (not one of the dying instance's event loops, which stop during the close).
    Promise<Void> done = Promise.promise();
    Thread killer = new Thread(() -> {
      try {
        manager.getHazelcastInstance().getLifecycleService().terminate();
      } catch (RuntimeException ignored) {
        // already down: nothing more to terminate
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the instance lost its cluster on purpose; closing it may report that
      }
      done.complete();
    }, "clusters-kill");
    killer.setDaemon(true);
    killer.start();
    return done.future();
  }

  /** Closes instances gracefully (each leaves the cluster); never fails. */
  public static Future<Void> close(List<Vertx> nodes) {
    List<Future<Void>> closing = new ArrayList<>();
    for (Vertx vertx : nodes) {
      MANAGERS.remove(vertx);
      closing.add(vertx.close().otherwiseEmpty());
    }
    return Future.join(closing).otherwiseEmpty().mapEmpty();
  }

  /** A TCP port free right now on 127.0.0.1 (see {@link FreePorts}). */
  public static int freePort() {
    return FreePorts.pick();
  }
}
