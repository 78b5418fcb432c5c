package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's security options: refused without credentials, TLS and a derived name with them. */
class ClusterOptionsTest {
  private static final String SECRET = "a-cluster-secret-0123456789";
  @TempDir Path dir;

  private Map<String, String> credentialEnv() throws Exception {
    for (String f : List.of("node.pem", "node-key.pem", "ca.pem")) {
      Files.writeString(dir.resolve(f), "placeholder");
    }
    return Map.of("VERSO_CLUSTER_CERT", dir.resolve("node.pem").toString(),
        "VERSO_CLUSTER_KEY", dir.resolve("node-key.pem").toString(),
        "VERSO_CLUSTER_CA", dir.resolve("ca.pem").toString(),
        "VERSO_CLUSTER_SECRET", SECRET);
  }

  @Test
  void aClusterNodeWithoutCredentialsIsRefusedUnlessInsecureIsAskedFor() {
    String refused = assertThrows(IllegalArgumentException.class,
        () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key"}, Map.of())).getMessage();
    assertTrue(refused.contains("--cluster-cert") && refused.contains("--insecure-cluster"), refused);
    AppOptions insecure = AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key", "--insecure-cluster"}, Map.of());
    assertTrue(insecure.insecureCluster());
    assertNull(insecure.clusterCredentials());
    assertTrue(AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key"}, Map.of("VERSO_INSECURE_CLUSTER", "true")).insecureCluster());
    assertFalse(AppOptions.parse(new String[0], Map.of()).insecureCluster(), "one process, no cluster: nothing to ask");
  }

  @Test
  void incompleteOrWeakCredentialsAreRefused() throws Exception {
    Map<String, String> env = credentialEnv();
    String partial = assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key"},
        Map.of("VERSO_CLUSTER_CERT", env.get("VERSO_CLUSTER_CERT")))).getMessage();
    assertTrue(partial.contains("--cluster-key") && partial.contains("--cluster-ca")
        && partial.contains("--cluster-secret"), partial);
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--cluster-secret=short"}, withoutSecret(env)));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--cluster-ca=" + dir.resolve("absent.pem")}, env));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--insecure-cluster"}, env));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--cluster-port=5701", "--cluster-bus-port=5701"}, env), "both would bind one port");
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--cluster-port=65000"}, env), "the default bus port would be past 65535");
  }

  @Test
  void theSecretComesFromAFileAndNeverShowsInTheOptions() throws Exception {
    Files.writeString(dir.resolve("secret"), SECRET + "\n");
    Map<String, String> env = new java.util.HashMap<>(withoutSecret(credentialEnv()));
    env.put("VERSO_CLUSTER_SECRET_FILE", dir.resolve("secret").toString());
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key"}, env);
    assertEquals(SECRET, o.clusterCredentials().secret(), "the file's trailing newline is not part of it");
    assertFalse(o.toString().contains(SECRET), o.toString());
  }

  @Test
  void credentialsTurnOnMutualTlsAndDeriveTheHazelcastName() throws Exception {
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key", "--cluster-name=prod", "--cluster-port=5801",
        "--cluster-host=10.1.2.3"}, credentialEnv());
    VertxOptions vo = new VertxOptions();
    ClusterSetup.eventBus(vo, o);
    EventBusOptions bus = vo.getEventBusOptions();
    assertTrue(bus.isSsl());
    assertEquals(ClientAuth.REQUIRED, bus.getClientAuth());
    assertFalse(bus.isTrustAll());
    assertEquals(List.of(dir.resolve("node.pem").toString()), ((PemKeyCertOptions) bus.getKeyCertOptions()).getCertPaths());
    assertEquals(List.of(dir.resolve("ca.pem").toString()), ((PemTrustOptions) bus.getTrustOptions()).getCertPaths());
    assertEquals("10.1.2.3", bus.getHost());
    assertEquals(6801, bus.getPort(), "a fixed port by default: the cluster port + 1000");

    Config c = ClusterSetup.hazelcast(o);
    assertTrue(c.getClusterName().startsWith("prod-"), c.getClusterName());
    assertFalse(c.getClusterName().contains(SECRET));
    Map<String, String> other = new java.util.HashMap<>(credentialEnv());
    other.put("VERSO_CLUSTER_SECRET", "another-secret-0123456789");
    assertNotEquals(c.getClusterName(), ClusterSetup.hazelcast(AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key",
        "--cluster-name=prod"}, other)).getClusterName(), "another secret, another cluster");
  }

  @Test
  void pemTextInTheEnvironmentIsUsedAsIs() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(credentialEnv());
    env.put("VERSO_CLUSTER_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----");
    AppOptions o = AppOptions.parse(new String[] {"--cluster", "--signing-key=/run/secrets/signing-key", "--cluster-bus-port=7701"}, env);
    PemKeyCertOptions kc = o.clusterCredentials().keyCert();
    assertTrue(kc.getKeyPaths().isEmpty());
    assertEquals(1, kc.getKeyValues().size());
    assertEquals(7701, o.clusterBusPort());
    assertFalse(o.toString().contains("AAAA"), "key material stays out of the options' text");
  }

  private static Map<String, String> withoutSecret(Map<String, String> env) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.remove("VERSO_CLUSTER_SECRET");
    return m;
  }
}
