package io.verso.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a cluster node proves it belongs with: its certificate and private key (PEM), the cluster's
 * certificate authority (PEM) and the cluster secret. The certificates authenticate and encrypt the
 * event bus (TLS, a client certificate required both ways); the secret keeps Hazelcast membership to
 * processes that know it (see {@link #hazelcastClusterName}). Each PEM value is a file path or, from
 * an environment variable, the PEM text itself (it starts with {@code -----BEGIN}).
 */
record ClusterCredentials(String cert, String key, String ca, String secret) {
  static final int MIN_SECRET_LENGTH = 16;
  static final List<String> FLAGS =
      List.of("cluster-cert", "cluster-key", "cluster-ca", "cluster-secret", "cluster-secret-file");

  /** The credentials among parsed option values, null when none is given; a partial set is refused. */
  static ClusterCredentials read(Map<String, String> v) {
    String secret = v.get("cluster-secret");
    if (secret == null && v.containsKey("cluster-secret-file")) {
      try {
        secret = Files.readString(Path.of(v.get("cluster-secret-file")), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --cluster-secret-file " + v.get("cluster-secret-file")
            + ": " + e.getMessage());
      }
    }
    String cert = v.get("cluster-cert");
    String key = v.get("cluster-key");
    String ca = v.get("cluster-ca");
    if (cert == null && key == null && ca == null && secret == null) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    if (cert == null) {
      missing.add("--cluster-cert");
    }
    if (key == null) {
      missing.add("--cluster-key");
    }
    if (ca == null) {
      missing.add("--cluster-ca");
    }
    if (secret == null) {
      missing.add("--cluster-secret (or --cluster-secret-file)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the cluster credentials are incomplete: missing " + String.join(", ", missing));
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("--cluster-secret must have at least " + MIN_SECRET_LENGTH + " characters");
    }
    requireReadable("cluster-cert", cert);
    requireReadable("cluster-key", key);
    requireReadable("cluster-ca", ca);
    return new ClusterCredentials(cert, key, ca, secret);
  }

  private static void requireReadable(String flag, String value) {
    if (!isPem(value) && !Files.isReadable(Path.of(value))) {
      throw new IllegalArgumentException("--" + flag + " " + value + " is not a readable file");
    }
  }

  private static boolean isPem(String value) {
    return value.strip().startsWith("-----BEGIN");
  }

  /** This node's certificate and key, presented as server and as client. */
  PemKeyCertOptions keyCert() {
    PemKeyCertOptions o = new PemKeyCertOptions();
    if (isPem(cert)) {
      o.addCertValue(Buffer.buffer(cert));
    } else {
      o.addCertPath(cert);
    }
    if (isPem(key)) {
      o.addKeyValue(Buffer.buffer(key));
    } else {
      o.addKeyPath(key);
    }
    return o;
  }

  /** Only certificates the cluster's authority signed are accepted, from servers and from clients. */
  PemTrustOptions trust() {
    PemTrustOptions o = new PemTrustOptions();
    return isPem(ca) ? o.addCertValue(Buffer.buffer(ca)) : o.addCertPath(ca);
  }

  /**
   * The Hazelcast cluster name: the configured name followed by an HMAC of it keyed with the secret.
   * Hazelcast OSS has no member authentication (its security is an Enterprise feature), but a member
   * whose join request names another cluster is turned away; so a process that does not know the
   * secret cannot form the name and cannot join. The name travels in clear in join messages, so this
   * is no defence against someone who can watch the cluster network: TLS on the event bus is.
   */
  String hazelcastClusterName(String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] tag = mac.doFinal(("verso-cluster-name:" + name).getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(tag, 0, 16);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The secret stays out of logs and error messages. */
  @Override
  public String toString() {
    return "ClusterCredentials[cert=" + describe(cert) + ", key=" + describe(key) + ", ca=" + describe(ca) + "]";
  }

  private static String describe(String value) {
    return isPem(value) ? "(inline PEM)" : value;
  }
}
