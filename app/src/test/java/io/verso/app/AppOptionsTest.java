package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.verso.app.AppOptions.Service;
import io.verso.web.bridge.TcpBridgeConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppOptionsTest {
  @Test
  void noFlagsMeansEverythingEmbeddedOnPort8080() {
    AppOptions o = AppOptions.parse(new String[0], Map.of());
    assertFalse(o.cluster());
    assertEquals(Set.of(Service.values()), o.services());
    assertTrue(o.runs(Service.HISTORY), "all includes the history service");
    assertNull(o.pgUri());
    assertNull(o.redisUri());
    assertEquals(8080, o.httpPort());
    assertEquals("http://localhost:8080/", o.url());
    assertFalse(o.serviceConfig().containsKey("pg.uri"), "no pg.uri: storage starts the embedded server");
  }

  @Test
  void flagsWinOverEnvironmentAndReachTheServices() {
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--insecure-cluster", "--services=edit, web", "--http-port", "9001",
        "--pg-url=postgresql://db/verso", "--cluster-members", "10.0.0.1,10.0.0.2:5702"},
        Map.of("VERSO_HTTP_PORT", "7000", "VERSO_REDIS_URI", "redis://cache:6379", "VERSO_CLUSTER_PORT", "5705"));
    assertTrue(o.cluster());
    assertEquals(Set.of(Service.EDIT, Service.WEB), o.services());
    assertEquals(Set.of(Service.HISTORY), AppOptions.parse(new String[] {"--services=history"}, Map.of()).services());
    assertEquals(9001, o.httpPort());
    assertEquals(List.of("10.0.0.1:5705", "10.0.0.2:5702"), o.clusterMembers());
    assertEquals("postgresql://db/verso", o.serviceConfig().getString("pg.uri"));
    assertEquals("redis://cache:6379", o.serviceConfig().getString("redis.uri"));
    assertEquals(9001, o.serviceConfig().getInteger("http.port"));
  }

  @Test
  void thePublicUrlReachesTheWebTierAndPlainHttpOffLocalhostNeedsTheFlag() {
    AppOptions https = AppOptions.parse(new String[] {"--public-url=https://verso.example/"}, Map.of());
    assertEquals("https://verso.example/", https.serviceConfig().getString("http.publicUrl"));
    assertFalse(https.serviceConfig().containsKey("http.allowInsecureHttp"));
    assertEquals("http://localhost:8080/", AppOptions.parse(new String[] {"--public-url=http://localhost:8080/"}, Map.of())
        .serviceConfig().getString("http.publicUrl"), "plain HTTP on localhost needs no flag");

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--public-url=http://server:8080"}, Map.of()));
    assertTrue(refused.getMessage().contains("--public-url=https://server/"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--allow-insecure-http"), refused.getMessage());
    assertTrue(refused.getMessage().contains("VERSO_ALLOW_INSECURE_HTTP=true"), refused.getMessage());

    AppOptions allowed = AppOptions.parse(new String[] {"--allow-insecure-http"},
        Map.of("VERSO_PUBLIC_URL", "http://server:8080"));
    assertEquals("http://server:8080", allowed.url());
    assertEquals("http://server:8080", allowed.serviceConfig().getString("http.publicUrl"));
    assertTrue(allowed.serviceConfig().getBoolean("http.allowInsecureHttp"));
    assertTrue(AppOptions.parse(new String[0], Map.of("VERSO_PUBLIC_URL", "http://server:8080",
        "VERSO_ALLOW_INSECURE_HTTP", "true")).allowInsecureHttp());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--public-url=server:8080"}, Map.of())).getMessage().contains("--public-url"));
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--services=edit,cache"}, Map.of())).getMessage().contains("cache"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--http-port=70000"}, Map.of())).getMessage().contains("port"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--nope"}, Map.of())).getMessage().contains("--nope"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--tcp-bridge-port=7000", "--service-token=short"}, Map.of()))
        .getMessage().contains("service-token"));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--ops-port=x"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--proxy-protocol=maybe"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--http-port"}, Map.of()));
  }

  @Test
  void clusterConfigJoinsOnlyTheGivenMembersWithoutMulticast() {
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--insecure-cluster", "--cluster-host=10.1.2.3", "--cluster-port=5801",
        "--cluster-name=prod", "--cluster-members=10.1.2.4:5801", "--signing-key=/run/secrets/signing-key"}, Map.of());
    Config c = ClusterSetup.hazelcast(o);
    assertEquals("prod", c.getClusterName());
    assertFalse(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    assertTrue(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.1.2.4:5801", "10.1.2.3:5801"), c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    assertEquals(List.of("10.1.2.3"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals(5801, c.getNetworkConfig().getPort());
    assertTrue(c.getMultiMapConfigs().containsKey("__vertx.subs"), "Vert.x's maps from cluster.xml at the jar root");
  }

  @Test
  void theTcpBridgeRefusesTheOldDefaultTokenAShortOneAndATokenWithoutGrants() {
    String old = "change-me-to-a-long-random-token";
    String good = "0123456789abcdef0123456789abcdef";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--tcp-bridge-port=7000"},
        Map.of("VERSO_SERVICE_TOKEN", old, "VERSO_SERVICE_GRANTS", "*=edit"))).getMessage().contains("published"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--tcp-bridge-port=7000",
        "--service-token=a-token-of-sixteen-plus", "--service-grants=*=edit"}, Map.of())).getMessage().contains("32"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--tcp-bridge-port=7000",
        "--service-token=" + good}, Map.of())).getMessage().contains("--service-grants"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--tcp-bridge-port=7000"},
        Map.of())).getMessage().contains("--service-token"));
    AppOptions o = AppOptions.parse(new String[] {"--tcp-bridge-port=7000", "--service-token=" + good,
        "--service-grants=team-*=edit", "--tcp-bridge-cert=c.pem", "--tcp-bridge-key=k.pem"}, Map.of());
    TcpBridgeConfig tcp = TcpBridgeConfig.from(o.serviceConfig());
    assertEquals("127.0.0.1", tcp.host(), "loopback unless told otherwise");
    assertTrue(tcp.tls());
    assertEquals(io.verso.protocol.Role.EDITOR, tcp.services().get(0).grants().roleOn("team-1"));
    assertNull(tcp.services().get(0).grants().roleOn("other"));
  }

  @Test
  void opsAndProxyFlagsReachTheServices() {
    AppOptions o = AppOptions.parse(new String[] {"--ops-port=9191", "--proxy-protocol=true"},
        Map.of("VERSO_OPS_HOST", "10.0.0.5", "VERSO_TRUSTED_PROXIES", "10.0.0.0/8"));
    assertEquals(9191, o.serviceConfig().getInteger("ops.port"));
    assertEquals("10.0.0.5", o.serviceConfig().getString("ops.host"));
    assertEquals(true, o.serviceConfig().getBoolean("http.proxyProtocol"));
    assertEquals("10.0.0.0/8", o.serviceConfig().getString("http.trustedProxies"));
    assertFalse(AppOptions.parse(new String[0], Map.of()).serviceConfig().containsKey("ops.host"),
        "no flag: the ops server's own default (loopback)");
  }

  @Test
  void signingKeyFilesReachTheAuthServiceAndAClusterNodeCannotDoWithout() {
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--insecure-cluster", "--signing-key=/run/secrets/key.pem",
        "--signing-key-previous", "/run/secrets/old.pem"}, Map.of("VERSO_SIGNING_KEY_NEXT_FILE", "/run/secrets/next.pem"));
    assertEquals("/run/secrets/key.pem", o.serviceConfig().getString("auth.jwt.keyFile"));
    assertEquals("/run/secrets/next.pem", o.serviceConfig().getString("auth.jwt.nextKeyFile"));
    assertEquals("/run/secrets/old.pem", o.serviceConfig().getString("auth.jwt.previousKeyFile"));
    assertEquals("/run/secrets/env.pem", AppOptions.parse(new String[] {"--cluster", "--insecure-cluster"},
        Map.of("VERSO_SIGNING_KEY_FILE", "/run/secrets/env.pem")).serviceConfig().getString("auth.jwt.keyFile"));

    String message = assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--cluster", "--insecure-cluster"}, Map.of())).getMessage();
    assertTrue(message.contains("--signing-key") && message.contains("VERSO_SIGNING_KEY_FILE"), message);
    assertFalse(AppOptions.parse(new String[] {"--cluster", "--insecure-cluster", "--services=web,edit"}, Map.of()).serviceConfig()
        .containsKey("auth.jwt.keyFile"), "nodes without auth verify with the public keys from the bus");
    assertFalse(AppOptions.parse(new String[0], Map.of()).serviceConfig().containsKey("auth.jwt.keyFile"),
        "one process on a laptop generates its key in the data directory");
  }

  /** The options may be logged: no password of a URI in their text, where they point still there. */
  @Test
  void theirTextHoldsNoPassword() {
    AppOptions o = AppOptions.parse(new String[] {"--pg-url", "postgresql://verso:pg-secret-1@db:5432/verso",
        "--redis-url", "redis://:redis-secret-2@cache:6379"}, Map.of());
    String text = o.toString();
    org.junit.jupiter.api.Assertions.assertFalse(text.contains("pg-secret-1") || text.contains("redis-secret-2"), text);
    org.junit.jupiter.api.Assertions.assertTrue(text.contains("db:5432/verso") && text.contains("cache:6379"), text);
  }
}
