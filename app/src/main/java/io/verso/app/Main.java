package io.verso.app;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Verso process: the Vert.x instance (clustered or not) with Micrometer metrics, then the
 * services it runs ({@link Services}), and prints the URL. SIGTERM (or Ctrl-C) shuts it down
 * gracefully: see {@link Services#stop()}.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long START_TIMEOUT_S = 180;
  private static final long STOP_TIMEOUT_S = 60;

  private Main() {}

  public static void main(String[] args) {
    // --help and argument errors are the command line's own output, not log events: plain stdout/stderr
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(AppOptions.usage());
      return;
    }
    if (args.length > 0 && args[0].equals(AddUser.COMMAND)) {
      System.exit(AddUser.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.in,
          System.out, System.err));
      return;
    }
    AppOptions options;
    try {
      options = AppOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("verso: " + e.getMessage() + "\n");
      System.err.print(AppOptions.usage());
      System.exit(2);
      return;
    }
    try {
      // the main thread waits (never an event loop), with a timeout independent of Vert.x timers
      Services services = start(options).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT_S, TimeUnit.SECONDS);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(services), "verso-shutdown"));
      services.stopEmbeddedLast();
      LOG.info("Verso is running at {}", options.url());
    } catch (Exception e) {
      LOG.error("Verso failed to start", e);
      System.exit(1);
    }
  }

  /** Creates the Vert.x instance and deploys this process's services. */
  public static Future<Services> start(AppOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry); // domain metrics of every service go to the global registry
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    VertxOptions vertxOptions = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            // Vert.x's own event-bus meters are looked up in the registry on every message (several per
            // keystroke, ~4% of a node's CPU under load); Verso's domain metrics cover the same paths
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS))
        // epoll on Linux (bundled), NIO elsewhere: see start-up log
        .setPreferNativeTransport(true);
    Tracing tracing = Tracing.of(options);
    if (tracing.enabled()) {
      LOG.info("Tracing HTTP requests and event-bus messages: spans go to {} as node {}",
          Tracing.tracesUrl(options.otlpEndpoint()), Tracing.instanceId(options));
    }
    var builder = tracing.install(Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)));
    Future<Vertx> vertx;
    if (options.cluster()) {
      if (options.insecureCluster()) {
        LOG.warn("""

            ************************************************************************************
            INSECURE CLUSTER (--insecure-cluster): the event bus on {}:{} is plain TCP and anyone
            who reaches {}:{} can join Hazelcast. Any process that gets in can send any message
            with any identity (grant itself roles, read password hashes, see login passwords).
            Use this only on a network nothing else can reach; production: docs/SECURITY.md.
            ************************************************************************************""",
            options.clusterHost(), options.clusterBusPort(), options.clusterHost(), options.clusterPort());
      }
      ClusterSetup.eventBus(vertxOptions, options);
      vertx = builder.with(vertxOptions)
          .withClusterManager(new HazelcastClusterManager(ClusterSetup.hazelcast(options)))
          .buildClustered();
    } else {
      vertx = Future.succeededFuture(builder.with(vertxOptions).build());
    }
    return vertx.compose(v -> {
      LOG.info("Network transport: {}", v.isNativeTransportEnabled() ? "native (epoll)"
          : "Java NIO (native transport unavailable: " + v.unavailableNativeTransportCause() + ")");
      Services services = new Services(v, options, tracing);
      return services.start().map(services)
          .recover(err -> services.stop().eventually(v::close).eventually(() -> {
            tracing.close();
            return Future.succeededFuture();
          }).transform(ar -> Future.failedFuture(err)));
    });
  }

  private static void stop(Services services) {
    LOG.info("Shutting down: no new sockets, flushing commits, snapshotting documents, leaving the cluster");
    try {
      // the JVM's shutdown-hook thread waits (never an event loop); the timeout must not depend on
      // the Vert.x instance being closed
      services.stop().eventually(() -> services.vertx().close())
          .toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
      LOG.info("Verso stopped");
    } catch (Exception e) {
      LOG.error("Graceful shutdown did not complete", e);
    } finally {
      services.closeEmbedded();
    }
  }
}
