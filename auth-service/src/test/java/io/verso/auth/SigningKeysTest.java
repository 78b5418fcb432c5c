package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir
  Path dataDir;

  @Test
  void generatedOnceOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    AuthConfig config = AuthConfig.from(new JsonObject().put("verso.data.dir", dataDir.toString()));
    SigningKeys first = SigningKeys.load(config);
    Path file = dataDir.resolve("auth").resolve(SigningKeys.KEY_FILE);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(first.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(first.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(SigningKeys.load(config)).isEqualTo(first);
    try (var files = Files.list(dataDir.resolve("auth"))) {
      assertThat(files.count()).as("no temporary files left behind").isEqualTo(1);
    }
  }

  @Test
  void configuredKeysWin() {
    SigningKeys keys = SigningKeys.generate();
    AuthConfig config = AuthConfig.from(new JsonObject().put("verso.data.dir", dataDir.toString())
        .put("auth", new JsonObject().put("jwt", new JsonObject()
            .put("privateKeyPem", keys.privateKeyPem()).put("publicKeyPem", keys.publicKeyPem()))));
    assertThat(SigningKeys.load(config)).isEqualTo(keys);
    assertThat(dataDir.resolve("auth")).doesNotExist();
  }

  @Test
  void aKeyFileNeedsOnlyThePrivateKeyAndNamesItByThumbprint() throws Exception {
    SigningKeys keys = SigningKeys.generate();
    Path file = dataDir.resolve("key.pem");
    Files.writeString(file, keys.privateKeyPem());
    SigningKeys read = SigningKeys.read(file.toString());
    assertThat(read).as("public key derived from the private one").isEqualTo(keys);
    assertThat(read.kid()).matches("[A-Za-z0-9_-]{43}").isEqualTo(keys.kid()).isNotEqualTo(SigningKeys.generate().kid());

    AuthConfig config = AuthConfig.from(new JsonObject().put("verso.data.dir", dataDir.toString())
        .put("auth.jwt.keyFile", file.toString()));
    assertThat(SigningKeys.load(config)).isEqualTo(keys);
    assertThat(dataDir.resolve("auth")).as("nothing generated when a key file is given").doesNotExist();
  }

  @Test
  void theThumbprintIsRfc7638() {
    // RFC 7517 appendix A.1's P-256 key; the SHA-256 of its canonical JWK computed apart (Python hashlib)
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEMKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D7gS2XpJFbZiItSs3m9+9Ue6GnvHw/G\n"
        + "W2ZZaVtszggXIw==\n-----END PUBLIC KEY-----\n";
    assertThat(EcKeys.thumbprint(pem)).isEqualTo("cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s");
  }

  @Test
  void unusableKeyFilesAreRefusedWithWhatToDo() throws Exception {
    Path sec1 = dataDir.resolve("sec1.pem");
    Files.writeString(sec1, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> SigningKeys.read(sec1.toString())).hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> SigningKeys.read(dataDir.resolve("missing.pem").toString()))
        .hasMessageContaining("missing.pem");
    Path rsa = dataDir.resolve("rsa.pem");
    java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    Files.writeString(rsa, SigningKeys.pem("PRIVATE KEY", gen.generateKeyPair().getPrivate().getEncoded()));
    assertThatThrownBy(() -> SigningKeys.read(rsa.toString())).hasMessageContaining("no usable key");
  }
}
