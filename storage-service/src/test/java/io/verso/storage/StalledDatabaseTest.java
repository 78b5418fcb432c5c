package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.expectFailure;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.AppendResult;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database that stalls instead of refusing: a row lock held by another session blocks the append
 * statement. Callers get UNAVAILABLE after the breaker timeout (also those queued behind it), the
 * stalled append still commits when the lock goes, and its retry is answered DUPLICATE with its rev.
 */
class StalledDatabaseTest {
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aStalledStatementIsUnavailableQuicklyAndItsRetryIsADuplicate() throws Exception {
    JsonObject config = TestPostgres.storageConfig(StalledDatabaseTest.class)
        .put("breaker.timeoutMs", 1000).put("breaker.maxFailures", 5);
    try (StorageFixture storage = StorageFixture.deploy(config)) {
      String stalled = storage.createDoc("o", "stalled");
      String other = storage.createDoc("o", "other");
      try (Connection locker = jdbc(config.getString("pg.uri"))) {
        locker.setAutoCommit(false);
        try (PreparedStatement s = locker.prepareStatement("SELECT id FROM documents WHERE id = ? FOR UPDATE")) {
          s.setString(1, stalled);
          s.executeQuery().close();
        }
        long start = System.nanoTime();
        Future<JsonObject> blocked = storage.append(stalled, op(1, "c", 1));
        Future<JsonObject> queued = storage.append(other, op(1, "d", 1));
        expectFailure(ErrorCode.UNAVAILABLE, blocked);
        expectFailure(ErrorCode.UNAVAILABLE, queued);
        long ms = (System.nanoTime() - start) / 1_000_000;
        org.slf4j.LoggerFactory.getLogger(StalledDatabaseTest.class).info("stalled + queued appends: 503 after {} ms", ms);
        assertThat(ms).as("both answered UNAVAILABLE after the 1 s breaker timeout").isBetween(900L, 2_000L);
        locker.commit(); // the stall ends: the blocked statement goes on and commits
      }
      // its outcome was unknown to the caller; the retry tells: DUPLICATE with the original rev
      long deadline = System.currentTimeMillis() + 20_000;
      while (true) {
        try {
          String message = expectFailure(ErrorCode.DUPLICATE, storage.append(stalled, op(1, "c", 1)));
          assertThat(AppendResult.duplicateRev(message)).isEqualTo(1);
          break;
        } catch (AssertionError e) {
          if (System.currentTimeMillis() > deadline) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
      assertThat(await(storage.append(other, op(1, "d", 1))).getLong("headRev")).isEqualTo(1);
      assertThat(storage.call(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", stalled)).getLong("headRev"))
          .isEqualTo(1);
    }
  }

  private static Connection jdbc(String pgUri) throws Exception {
    URI u = URI.create(pgUri);
    String[] userInfo = u.getUserInfo().split(":", 2);
    return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(),
        userInfo[0], userInfo[1]);
  }
}
