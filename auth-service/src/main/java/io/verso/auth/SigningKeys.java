package io.verso.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ES256 (ECDSA P-256) key pair that signs access tokens, named by its {@link #kid()}. The
 * current key comes from configuration ({@code auth.jwt.privateKeyPem}), from a key file
 * ({@code auth.jwt.keyFile}: a mounted secret, the only way for a cluster), or — one process on a
 * laptop — from {@code <dataDir>/auth/}, generated there at first start (private key file mode 600)
 * so that a restart keeps every issued token valid. Never the database, never the event bus.
 * Blocking file I/O: call from a worker.
 */
public record SigningKeys(String privateKeyPem, String publicKeyPem) {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  static final String KEY_FILE = "jwt-es256.pem";

  public static SigningKeys load(AuthConfig config) {
    if (config.privateKeyPem() != null) {
      return new SigningKeys(config.privateKeyPem(), config.publicKeyPem());
    }
    if (config.keyFiles().current() != null) {
      return read(config.keyFiles().current());
    }
    Path dir = Path.of(config.dataDir(), "auth");
    Path file = dir.resolve(KEY_FILE);
    try {
      if (!Files.exists(file)) {
        generateInto(dir, file);
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalStateException("cannot load or create the signing keys under " + dir, e);
    }
  }

  /** The key pair of a PEM file holding a PKCS#8 private key (any other block in it is ignored). */
  public static SigningKeys read(String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the signing key file " + file + ": " + e, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the signing key file " + file + " holds no usable key: " + e.getMessage(), e);
    }
  }

  /** The private key of a PEM text and the public key derived from it. */
  static SigningKeys parse(String text) {
    return EcKeys.fromPrivatePem(text);
  }

  /** The key's id in token headers: the RFC 7638 thumbprint of its public key, the same on every node. */
  public String kid() {
    return EcKeys.thumbprint(publicKeyPem);
  }

  /** A new random key pair (not stored anywhere). */
  public static SigningKeys generate() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = gen.generateKeyPair();
      return new SigningKeys(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 support in this JVM", e);
    }
  }

  private static void generateInto(Path dir, Path file) throws IOException {
    Files.createDirectories(dir);
    trySetMode(dir, "rwx------");
    SigningKeys keys = generate();
    // Written to an owner-only temporary file, then hard-linked into place: the link is atomic and
    // fails if another starter won the race, so every process ends up reading the same one key pair.
    Path tmp = Files.createTempFile(dir, "key", ".tmp", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, keys.privateKeyPem() + keys.publicKeyPem(), StandardCharsets.US_ASCII);
      Files.createLink(file, tmp);
      LOG.info("Generated a new access-token signing key in {}", file);
    } catch (FileAlreadyExistsException e) {
      LOG.debug("Another starter created {} first", file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void trySetMode(Path path, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      LOG.warn("Cannot restrict permissions of {} on this file system", path);
    }
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
