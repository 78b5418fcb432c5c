package io.verso.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time, in PEM files under a directory: a certificate authority and
 * node certificates it signs (EC P-256, valid two days). The JDK's {@code keytool} does the
 * work (no extra dependency, always there with the JDK); private keys are written as PKCS#8 PEM,
 * the form Vert.x's {@code PemKeyCertOptions} reads.
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.authority(dir, "cluster-ca");
 * TestCertificates.Node node = ca.issue("node1");   // node.cert(), node.key(), ca.cert()
 * }</pre>
 */
public final class TestCertificates {
  private static final String PASSWORD = "test-only-password";
  private final Path dir;
  private final String alias;
  private final Path store;
  private final Path cert;

  /** A node's certificate and key, as PEM files. */
  public record Node(Path cert, Path key) {}

  private TestCertificates(Path dir, String alias, Path store, Path cert) {
    this.dir = dir;
    this.alias = alias;
    this.store = store;
    this.cert = cert;
  }

  /** A new self-signed certificate authority named {@code name}, its files in {@code dir}. */
  public static TestCertificates authority(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path store = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=" + name, "-ext", "bc:c", "-keystore", store.toString());
    Path cert = dir.resolve(name + ".pem");
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-file", cert.toString());
    return new TestCertificates(dir, name, store, cert);
  }

  /** The authority's certificate (what nodes trust). */
  public Path cert() {
    return cert;
  }

  /** A new key and a certificate for it signed by this authority. */
  public Node issue(String name) throws IOException {
    Path nodeStore = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=" + name, "-keystore", nodeStore.toString());
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-alias", name, "-keystore", nodeStore.toString(), "-file", csr.toString());
    Path nodeCert = dir.resolve(name + ".pem");
    keytool("-gencert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-validity", "2",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth,clientAuth",
        "-infile", csr.toString(), "-outfile", nodeCert.toString());
    Path key = dir.resolve(name + "-key.pem");
    Files.writeString(key, pkcs8Pem(nodeStore, name), StandardCharsets.US_ASCII);
    return new Node(nodeCert, key);
  }

  private static String pkcs8Pem(Path p12, String alias) throws IOException {
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      PrivateKey key = (PrivateKey) ks.getKey(alias, PASSWORD.toCharArray());
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(key.getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key of " + alias + " from " + p12, e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    } finally {
      p.destroy();
    }
  }
}
