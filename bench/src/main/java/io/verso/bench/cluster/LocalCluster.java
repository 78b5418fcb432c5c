package io.verso.bench.cluster;

import io.verso.presence.EmbeddedRedis;
import io.verso.runtime.FreePorts;
import io.verso.storage.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A Verso cluster on this machine: one embedded PostgreSQL, one embedded Redis and N nodes, each its
 * own JVM from {@code app/target/verso.jar}, joined over Hazelcast on 127.0.0.1. Used by the
 * fault-injection suite, and on its own to run the load generator against a cluster:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.verso.bench.cluster.LocalCluster [--nodes 3] [--config bench/bench-server.json] [--heap 1g]
 * </pre>
 *
 * prints {@code cluster running at: http://127.0.0.1:p1/,http://127.0.0.1:p2/,…} (the {@code --url}
 * for {@code LoadGen}) and runs until interrupted.
 */
public final class LocalCluster implements AutoCloseable {
  public final PostgresServer pg;
  public final EmbeddedRedis redis;
  private final List<VersoProcess> nodes = new ArrayList<>();
  private final List<List<String>> nodeArgs = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();
  private final List<String> jvmOptions;
  private final Path logs;

  private LocalCluster(PostgresServer pg, EmbeddedRedis redis, List<String> jvmOptions, Path logs) {
    this.pg = pg;
    this.redis = redis;
    this.jvmOptions = jvmOptions;
    this.logs = logs;
  }

  /**
   * Starts the databases and {@code size} nodes (each with {@code extraArgs}) and waits until every
   * node is running.
   */
  public static LocalCluster start(int size, List<String> jvmOptions, List<String> extraArgs, Path logs) throws Exception {
    Files.createDirectories(logs);
    PostgresServer pg = PostgresServer.start(Files.createTempDirectory("verso-cluster-pg"), 0);
    LocalCluster c;
    String pgUri;
    try {
      pgUri = pg.appUri("verso"); // as production: the nodes connect as the unprivileged role
      c = new LocalCluster(pg, EmbeddedRedis.start(), jvmOptions, logs);
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
    try {
      String name = "verso-local-" + System.nanoTime();
      List<Integer> hz = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        hz.add(FreePorts.pick());
      }
      String members = hz.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
      String signingKey = signingKeyFile();
      for (int i = 0; i < size; i++) {
        c.httpPorts.add(FreePorts.pick());
        // loopback only, nothing else can reach it: a plain event bus, as the benchmarks have measured
        List<String> args = new ArrayList<>(List.of("--cluster", "--insecure-cluster", "--cluster-name", name,
            "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(hz.get(i)),
            "--cluster-bus-port", String.valueOf(FreePorts.pick()), "--cluster-members", members, "--pg-url", pgUri,
            "--redis-url", c.redis.uri(), "--data-dir", Files.createTempDirectory("verso-cluster-node").toString(),
            "--signing-key", signingKey));
        args.addAll(extraArgs);
        c.nodeArgs.add(List.copyOf(args));
        c.nodes.add(VersoProcess.start("node" + (i + 1), c.httpPorts.get(i), jvmOptions, args, logs));
      }
      for (VersoProcess n : c.nodes) {
        n.awaitRunning(180);
      }
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  public int size() {
    return nodes.size();
  }

  public VersoProcess node(int i) {
    return nodes.get(i);
  }

  public int httpPort(int i) {
    return httpPorts.get(i);
  }

  /** Node {@code i}'s ops port (its {@code /metrics}), on 127.0.0.1. */
  public int opsPort(int i) {
    return nodes.get(i).opsPort;
  }

  /** The nodes' ops URLs ({@code /metrics}), comma-separated: LoadGen's {@code --ops-url}. */
  public String opsUrls() {
    return nodes.stream().map(n -> "http://127.0.0.1:" + n.opsPort + "/").collect(Collectors.joining(","));
  }

  /** The nodes' URLs, comma-separated. */
  public String urls() {
    return httpPorts.stream().map(p -> "http://127.0.0.1:" + p + "/").collect(Collectors.joining(","));
  }

  /** Starts node {@code i} again (after a kill), same ports and arguments; does not wait for it. */
  public VersoProcess restart(int i) throws IOException {
    List<String> args = new ArrayList<>(nodeArgs.get(i));
    args.addAll(List.of("--ops-port", String.valueOf(nodes.get(i).opsPort)));
    VersoProcess n = VersoProcess.start("node" + (i + 1) + "-restarted", httpPorts.get(i), jvmOptions, args, logs);
    nodes.set(i, n);
    return n;
  }

  @Override
  public void close() {
    for (VersoProcess n : nodes) {
      try {
        n.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    redis.close();
    pg.close();
  }

  public static void main(String[] argv) throws Exception {
    int size = 3;
    String heap = "1g";
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < argv.length - 1; i += 2) {
      switch (argv[i]) {
        case "--nodes" -> size = Integer.parseInt(argv[i + 1]);
        case "--heap" -> heap = argv[i + 1];
        case "--config" -> extra.addAll(List.of("--config", Path.of(argv[i + 1]).toAbsolutePath().toString()));
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    LocalCluster c = start(size, List.of("-Xmx" + heap, "-XX:MaxGCPauseMillis=20",
        "-XX:G1RSetUpdatingPauseTimePercent=100"), extra, Path.of("target", "cluster-logs"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      c.close();
      stopped.countDown();
    }));
    System.out.println("cluster running at: " + c.urls() + " (logs in target/cluster-logs; Ctrl-C stops it)");
    System.out.println("ops (metrics) at: " + c.opsUrls() + " (LoadGen --ops-url)");
    stopped.await();
  }

  /** A P-256 PKCS#8 key file all nodes share: a cluster signs access tokens with one key from a file. */
  private static String signingKeyFile() throws java.io.IOException, java.security.GeneralSecurityException {
    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
    gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
    java.nio.file.Path file = Files.createTempFile("verso-cluster-signing-key", ".pem");
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
    return file.toString();
  }
}
