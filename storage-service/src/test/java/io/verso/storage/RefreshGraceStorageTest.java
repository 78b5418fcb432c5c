package io.verso.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.RefreshRotateResult;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refresh grace window: the token rotated last may be presented again for a short while (two
 * tabs refreshing at once) and gets the same answer, provided the caller names the same successor;
 * an older token, a different successor, or a presentation after the window is reuse and revokes
 * the family.
 */
class RefreshGraceStorageTest {
  private static final long HOUR = 3_600_000L;
  private static final long GRACE_MS = 20_000;
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(RefreshGraceStorageTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private static void create(String hash, String family) {
    storage.call(Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", hash).put("familyId", family)
        .put("userId", "user-" + family).put("expiresAt", System.currentTimeMillis() + HOUR));
  }

  private static JsonObject rotate(String hash, String next, long graceMs) {
    return new JsonObject().put("tokenHash", hash).put("newTokenHash", next)
        .put("expiresAt", System.currentTimeMillis() + HOUR).put("graceMs", graceMs);
  }

  private static RefreshRotateResult ok(String hash, String next, long graceMs) {
    return RefreshRotateResult.fromJson(storage.call(Addresses.STORAGE_REFRESH_ROTATE, rotate(hash, next, graceMs)));
  }

  private static String refused(String hash, String next, long graceMs) {
    return storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE, rotate(hash, next, graceMs));
  }

  @Test
  void theLastRotatedTokenIsAnsweredAgainWithinTheWindow() {
    create("g1", "fam-g");
    RefreshRotateResult first = ok("g1", "g2", GRACE_MS);
    assertThat(first).isEqualTo(new RefreshRotateResult("user-fam-g", "fam-g"));
    assertThat(ok("g1", "g2", GRACE_MS)).as("the same token again, naming the same successor").isEqualTo(first);
    assertThat(ok("g1", "g2", GRACE_MS)).isEqualTo(first);
    // the family goes on from the successor
    ok("g2", "g3", GRACE_MS);
    // g1 is now older than the token before the newest: reuse, the whole family is revoked
    assertThat(refused("g1", "g2", GRACE_MS)).isEqualTo("refresh token reuse");
    assertThat(refused("g3", "g4", GRACE_MS)).isEqualTo("refresh token revoked");
  }

  @Test
  void aDifferentSuccessorOrNoWindowIsReuse() {
    create("d1", "fam-d");
    ok("d1", "d2", GRACE_MS);
    assertThat(refused("d1", "d-other", GRACE_MS)).isEqualTo("refresh token reuse");
    assertThat(refused("d2", "d3", GRACE_MS)).isEqualTo("refresh token revoked");

    create("n1", "fam-n");
    ok("n1", "n2", 0);
    assertThat(refused("n1", "n2", 0)).as("grace off").isEqualTo("refresh token reuse");

    create("o1", "fam-o");
    ok("o1", "o2", GRACE_MS);
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_REFRESH_ROTATE, rotate("o1", "o2", -1));
    storage.failure(ErrorCode.BAD_REQUEST, Addresses.STORAGE_REFRESH_ROTATE, rotate("o1", "o2", 3_600_001));
    assertThat(ok("o1", "o2", GRACE_MS)).as("malformed requests changed nothing").isNotNull();
  }

  @Test
  void afterTheWindowTheSameTokenIsReuse() throws InterruptedException {
    create("w1", "fam-w");
    ok("w1", "w2", 300);
    Thread.sleep(700);
    assertThat(refused("w1", "w2", 300)).isEqualTo("refresh token reuse");
    assertThat(refused("w2", "w3", 300)).isEqualTo("refresh token revoked");
  }
}
