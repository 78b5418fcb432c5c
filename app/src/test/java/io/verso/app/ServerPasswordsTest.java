package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.impl.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Database and Redis passwords from files (mounted secrets) instead of inside the URIs. */
class ServerPasswordsTest {
  /** Characters a URI would otherwise mangle: each must reach the client as written. */
  private static final String PG_PASSWORD = "p@ss:w/rd %2F+ é?#&";
  private static final String REDIS_PASSWORD = "r3dis+:@/?x";

  @TempDir
  Path tmp;

  @Test
  void theFilesPasswordsOverrideTheUrisAsTheClientsReadThem() throws Exception {
    Path pg = write("pg-password", PG_PASSWORD + "\n");
    Path redis = write("redis-password", REDIS_PASSWORD + "\r\n");
    AppOptions o = AppOptions.parse(new String[0], Map.of(
        "VERSO_PG_URI", "postgresql://verso:old@db:5433/verso?sslmode=disable&password=old",
        "VERSO_REDIS_URI", "redis://:old@cache:6379/2",
        "VERSO_PG_PASSWORD_FILE", pg.toString(),
        "VERSO_REDIS_PASSWORD_FILE", redis.toString()));

    PgConnectOptions db = PgConnectOptions.fromUri(o.serviceConfig().getString("pg.uri"));
    assertEquals(PG_PASSWORD, db.getPassword());
    assertEquals("verso", db.getUser());
    assertEquals("db", db.getHost());
    assertEquals(5433, db.getPort());
    assertEquals("verso", db.getDatabase());
    assertFalse(o.pgUri().contains("old"), "a password= parameter would win in the client: dropped");

    RedisURI cache = new RedisURI(o.serviceConfig().getString("redis.uri"));
    assertEquals(REDIS_PASSWORD, cache.password());
    assertNull(cache.user(), "no user: AUTH with the password alone (requirepass)");
    assertEquals("cache", cache.socketAddress().host());
    assertEquals(2, cache.select());
  }

  @Test
  void aRedisUriWithoutCredentialsAndTheFlagsFormWork() throws Exception {
    Path redis = write("redis-password", "secret\n");
    Path pg = write("pg-password", "fromflag");
    AppOptions o = AppOptions.parse(new String[] {"--redis-url=redis://cache:6379", "--redis-password-file", redis.toString(),
        "--pg-url=postgresql://verso@db/verso", "--pg-password-file=" + pg},
        Map.of("VERSO_PG_PASSWORD_FILE", tmp.resolve("not-this-one").toString()));
    assertEquals("secret", new RedisURI(o.redisUri()).password());
    assertEquals("fromflag", PgConnectOptions.fromUri(o.pgUri()).getPassword());
    assertEquals("postgresql://verso:fromflag@db/verso", o.pgUri());
  }

  @Test
  void aMissingUnreadableOrEmptyFileIsRefusedWithoutShowingTheUri() throws Exception {
    String uri = "postgresql://verso:in-the-uri@db/verso";
    IllegalArgumentException missing = refused(Map.of("VERSO_PG_URI", uri,
        "VERSO_PG_PASSWORD_FILE", tmp.resolve("absent").toString()));
    assertTrue(missing.getMessage().startsWith("--pg-password-file: cannot read " + tmp.resolve("absent")), missing.getMessage());
    assertFalse(missing.getMessage().contains("in-the-uri"), missing.getMessage());

    IllegalArgumentException directory = refused(Map.of("VERSO_REDIS_URI", "redis://cache:6379",
        "VERSO_REDIS_PASSWORD_FILE", tmp.toString()));
    assertTrue(directory.getMessage().startsWith("--redis-password-file: cannot read"), directory.getMessage());

    Path empty = write("empty", "\n");
    IllegalArgumentException blank = refused(Map.of("VERSO_PG_URI", uri, "VERSO_PG_PASSWORD_FILE", empty.toString()));
    assertEquals("--pg-password-file: " + empty + " is empty", blank.getMessage());
  }

  @Test
  void aPasswordFileNeedsAServerUriAndPostgresAUser() throws Exception {
    Path file = write("pw", "secret");
    assertTrue(refused(Map.of("VERSO_PG_PASSWORD_FILE", file.toString())).getMessage().contains("needs --pg-url"));
    assertTrue(refused(Map.of("VERSO_REDIS_PASSWORD_FILE", file.toString())).getMessage().contains("needs --redis-url"));
    IllegalArgumentException noUser = refused(Map.of("VERSO_PG_URI", "postgresql://db:5432/verso",
        "VERSO_PG_PASSWORD_FILE", file.toString()));
    assertTrue(noUser.getMessage().contains("needs a user"), noUser.getMessage());
  }

  @Test
  void helpListsBothOptions() {
    String usage = AppOptions.usage();
    assertTrue(usage.contains("--pg-password-file") && usage.contains("VERSO_PG_PASSWORD_FILE"), usage);
    assertTrue(usage.contains("--redis-password-file") && usage.contains("VERSO_REDIS_PASSWORD_FILE"), usage);
  }

  private IllegalArgumentException refused(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[0], env));
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content);
  }
}
