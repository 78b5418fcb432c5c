package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.verso.runtime.testing.Clusters;
import io.verso.runtime.testing.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, acceptance: a process without the cluster's credentials is refused. Two nodes configured
 * as the launcher configures them (certificates of the cluster's authority, the secret) talk; beside
 * them, processes that know the cluster's Hazelcast name (the worst case: someone watched the
 * network) but hold a certificate of another authority, or none, join Hazelcast and still can
 * neither send to the cluster's addresses nor receive from them; a process without the secret does
 * not even join.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterAdmissionTest {
  private static final String SECRET = "admission-test-secret-0123456789";
  /** For requests that must fail: long enough for a member to answer. */
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(3000);
  /** For requests that must succeed: a first TLS connection on a busy machine can take seconds. */
  private static final DeliveryOptions PATIENT = new DeliveryOptions().setSendTimeout(15_000);
  private static final List<Vertx> started = new ArrayList<>();
  private static final Map<Vertx, HazelcastClusterManager> managers = new java.util.concurrent.ConcurrentHashMap<>();
  @TempDir static Path dir;
  private static Vertx a;
  private static Vertx b;
  private static Vertx wrongAuthority;
  private static Vertx plain;
  private static final AtomicInteger echoed = new AtomicInteger();

  @BeforeAll
  static void startNodes() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir, "cluster-ca");
    TestCertificates.Node certA = ca.issue("node-a");
    TestCertificates.Node certB = ca.issue("node-b");
    TestCertificates.Node foreign = TestCertificates.authority(dir.resolve("other"), "other-ca").issue("intruder");
    Files.writeString(dir.resolve("secret"), SECRET);

    String name = "admission-" + System.nanoTime();
    int[] hz = {Clusters.freePort(), Clusters.freePort(), Clusters.freePort(), Clusters.freePort()};
    String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1];
    a = start(options(name, hz[0], members, tls(certA, ca.cert())));
    b = start(options(name, hz[1], members, tls(certB, ca.cert())));
    a.eventBus().<String>consumer("test.echo", m -> {
      echoed.incrementAndGet();
      m.reply("echo " + m.body());
    }).completion().await();
    awaitRegistered(b, "test.echo");
    assertEquals("echo first", b.eventBus().request("test.echo", "first", PATIENT).await().body(),
        "the members connect to each other");

    String hazelcastName = ClusterSetup.hazelcast(options(name, hz[0], members, tls(certA, ca.cert()))).getClusterName();
    // trusts the cluster's authority (its certificate is no secret) but its own is signed by another
    wrongAuthority = start(options(name, hz[2], members, tls(foreign, ca.cert())));
    // no TLS at all, under the Hazelcast name it learned
    plain = start(options(hazelcastName, hz[3], members, List.of("--insecure-cluster")));
    assertEquals(4, managers.get(a).getNodes().size(),
        "both intruders know the Hazelcast name and join Hazelcast: the event bus is the gate");
  }

  @AfterAll
  static void stopNodes() {
    Clusters.close(started).await();
  }

  @Test
  void nodesWithTheClustersCertificatesTalk() {
    assertEquals("echo hi", b.eventBus().request("test.echo", "hi", PATIENT).await().body());
    AtomicInteger heard = new AtomicInteger();
    b.eventBus().consumer("test.news", m -> heard.incrementAndGet()).completion().await();
    a.eventBus().request("test.echo", "self", PATIENT).await();
    awaitRegistered(a, "test.news");
    a.eventBus().publish("test.news", "n");
    awaitCount(heard, 1);
  }

  @Test
  void aNodeWithAForeignCertificateOrNoneCannotSendToTheCluster() {
    int before = echoed.get();
    for (Vertx intruder : List.of(wrongAuthority, plain)) {
      awaitRegistered(intruder, "test.echo");
      assertRefused(intruder.eventBus().request("test.echo", "let me in", QUICK));
      intruder.eventBus().publish("test.echo", "let me in");
    }
    sleep(1000);
    assertEquals(before, echoed.get(), "the cluster's handler received nothing from an intruder");
    assertEquals("echo still", b.eventBus().request("test.echo", "still", PATIENT).await().body(),
        "members still talk");
  }

  @Test
  void aNodeWithAForeignCertificateOrNoneReceivesNothingFromTheCluster() {
    AtomicInteger leaked = new AtomicInteger();
    for (Vertx intruder : List.of(wrongAuthority, plain)) {
      intruder.eventBus().consumer("test.leak", m -> {
        leaked.incrementAndGet();
        m.reply("got it");
      }).completion().await();
    }
    awaitRegistered(b, "test.leak");
    assertRefused(b.eventBus().request("test.leak", "a password", QUICK));
    b.eventBus().publish("test.leak", "a password hash");
    a.eventBus().send("test.leak", "a role");
    sleep(1000);
    assertEquals(0, leaked.get(), "no message reached an intruder");
  }

  @Test
  void aProcessWithoutTheSecretDoesNotJoin() throws Exception {
    // the Hazelcast port is reachable and the configured name is known, the secret is not
    Vertx outsider = start(options("admission-" + System.nanoTime(), Clusters.freePort(),
        "127.0.0.1:" + managers.get(a).getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort(),
        List.of("--insecure-cluster")));
    assertEquals(1, managers.get(outsider).getNodes().size(), "alone in its own cluster");
    assertEquals(4, managers.get(a).getNodes().size(), "the cluster did not grow");
  }

  /**
   * The request failed though a handler was known: the message was sent to a node and got no
   * answer (not "no handlers", which would prove nothing about the gate).
   */
  private static void assertRefused(Future<?> request) {
    Throwable failure = request.transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertTrue(failure instanceof ReplyException, "the request fails: " + failure);
    assertEquals(ReplyFailure.TIMEOUT, ((ReplyException) failure).failureType(), failure.toString());
  }

  private static List<String> tls(TestCertificates.Node node, Path ca) {
    return List.of("--cluster-cert", node.cert().toString(), "--cluster-key", node.key().toString(),
        "--cluster-ca", ca.toString(), "--cluster-secret-file", dir.resolve("secret").toString());
  }

  private static AppOptions options(String name, int hzPort, String members, List<String> security) {
    List<String> args = new ArrayList<>(List.of("--cluster", "--signing-key=/run/secrets/signing-key", "--cluster-name", name, "--cluster-host", "127.0.0.1",
        "--cluster-port", String.valueOf(hzPort), "--cluster-bus-port", String.valueOf(Clusters.freePort()),
        "--cluster-members", members));
    args.addAll(security);
    return AppOptions.parse(args.toArray(String[]::new), Map.of());
  }

  /** A clustered Vert.x instance configured exactly as {@link Main} configures a node's. */
  private static Vertx start(AppOptions o) {
    VertxOptions vo = new VertxOptions();
    ClusterSetup.eventBus(vo, o);
    Config config = ClusterSetup.hazelcast(o);
    config.setProperty("hazelcast.max.join.seconds", "10"); // a refused join gives up quickly
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    Vertx v = Vertx.builder().with(vo).withClusterManager(manager).buildClustered().await();
    started.add(v);
    managers.put(v, manager);
    return v;
  }

  /** Waits until {@code node} sees a handler of {@code address} somewhere in the cluster. */
  private static void awaitRegistered(Vertx node, String address) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      boolean known = Stream.of(managers.get(node).getHazelcastInstance().getMultiMap("__vertx.subs"))
          .anyMatch(m -> m.containsKey(address));
      if (known) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError(address + " never registered");
  }

  private static void awaitCount(AtomicInteger n, int expected) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (n.get() < expected && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertEquals(expected, n.get());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
