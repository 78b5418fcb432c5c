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
 * The ES256 (ECDSA P-256) key pair that signs access tokens: from configuration, or loaded from
 * {@code <dataDir>/auth/}, or generated there at first start (private key file mode 600) so that a
 * restart keeps every issued token valid. Blocking file I/O: call from a worker.
 */
public record SigningKeys(String privateKeyPem, String publicKeyPem) {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  static final String KEY_FILE = "jwt-es256.pem";

  public static SigningKeys load(AuthConfig config) {
    if (config.privateKeyPem() != null) {
      return new SigningKeys(config.privateKeyPem(), config.publicKeyPem());
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

  /** Both PEM blocks of one key file. */
  static SigningKeys parse(String text) {
    return new SigningKeys(block(text, "PRIVATE KEY"), block(text, "PUBLIC KEY"));
  }

  private static String block(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException("the key file has no " + type + " block");
    }
    return text.substring(from, to + end.length()) + "\n";
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
