package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
}
