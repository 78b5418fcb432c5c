package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.DocRecord;
import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verso runs on the embedded server as a role that owns its database and nothing more: the superuser
 * only bootstraps. A data directory made by an older version (everything owned by the superuser) is
 * handed over to the role at start and keeps working.
 */
class EmbeddedRoleTest {
  /** PostgreSQL's insufficient_privilege. */
  private static final String DENIED = "42501";

  @TempDir
  Path tmp;

  @Test
  void servicesConnectAsARoleThatOwnsItsDatabaseAndCannotTouchTheServer() throws Exception {
    JsonObject config = new JsonObject().put("pg.dataDir", tmp.resolve("pg").toString());
    String uri = run(config, (vertx, launcher) -> await(launcher.resolve(config)).getString("pg.uri"));
    assertThat(PgConnectOptions.fromUri(uri).getUser()).isEqualTo(PostgresServer.APP_ROLE);

    String again = run(config, (vertx, launcher) -> {
      String u = await(launcher.resolve(config)).getString("pg.uri");
      try (Connection c = connect(u); Statement s = c.createStatement()) {
        assertThat(query(s, "SELECT current_user")).isEqualTo("verso");
        assertThat(query(s, "SELECT rolsuper::text || rolcreaterole || rolcreatedb || rolreplication || rolbypassrls"
            + " FROM pg_roles WHERE rolname = current_user")).isEqualTo("falsefalsefalsefalsefalse");
        assertDenied(s, "CREATE ROLE intruder LOGIN SUPERUSER");
        assertDenied(s, "SELECT rolpassword FROM pg_authid");
        assertDenied(s, "CREATE DATABASE another");
        assertDenied(s, "COPY (SELECT 1) TO PROGRAM 'true'");
        // the migrations ran as the role: it owns every table they made, and the schema to add more
        assertThat(Integer.parseInt(query(s, "SELECT count(*) FROM verso_storage_schema_history WHERE success")))
            .isGreaterThanOrEqualTo(9);
        assertOwnsEverything(s);
        s.execute("CREATE TABLE later_migration (v int)");
      }
      assertThat(PgConnectOptions.fromUri(PostgresServer.runningUri(tmp.resolve("pg"), "verso")).getUser())
          .as("a tool joining the running node (add-user) connects as the role too").isEqualTo("verso");
      return u;
    });
    assertThat(PgConnectOptions.fromUri(again).getPassword()).as("the role's password is kept and reused on restart")
        .isEqualTo(PgConnectOptions.fromUri(uri).getPassword());

    Path passwordFile = tmp.resolve("pg/verso-password");
    assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(passwordFile).strip()).hasSizeGreaterThanOrEqualTo(24)
        .isEqualTo(PgConnectOptions.fromUri(uri).getPassword());
  }

  @Test
  void aDataDirectoryWhoseTablesTheSuperuserOwnsIsHandedOverAndKeepsWorking() throws Exception {
    Path home = tmp.resolve("pg");
    String docId;
    // the old way: the services connected as the superuser, whose migrations own every table
    try (PostgresServer old = PostgresServer.start(home, 0)) {
      old.createDatabase("verso");
      JsonObject superuser = new JsonObject().put("pg.uri", old.uri("verso"));
      Vertx vertx = Vertx.vertx();
      try {
        await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(superuser)));
        docId = createDoc(vertx, "Made before");
      } finally {
        await(vertx.close());
      }
      try (Connection c = connect(old.uri("verso")); Statement s = c.createStatement()) {
        assertThat(query(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'postgres'"))
            .isNotEqualTo("0");
      }
    }
    assertThat(home.resolve("verso-password")).doesNotExist();

    JsonObject config = new JsonObject().put("pg.dataDir", home.toString());
    run(config, (vertx, launcher) -> {
      assertThat(await(vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_GET,
          new JsonObject().put("docId", docId))).body().getString("title")).isEqualTo("Made before");
      assertThat(createDoc(vertx, "Made after")).isNotEqualTo(docId);
      String uri = await(launcher.resolve(config)).getString("pg.uri");
      try (Connection c = connect(uri); Statement s = c.createStatement()) {
        assertThat(query(s, "SELECT current_user")).isEqualTo("verso");
        assertOwnsEverything(s);
        assertThat(query(s, "SELECT count(*) FROM documents")).isEqualTo("2");
      }
      return null;
    });
    try (PostgresServer after = PostgresServer.start(home, 0);
         Connection c = connect(after.uri("postgres")); Statement s = c.createStatement()) {
      assertThat(query(s, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'postgres'"))
          .as("the server's own database stays the superuser's").isEqualTo("postgres");
    }
  }

  private static void assertOwnsEverything(Statement s) throws SQLException {
    assertThat(query(s, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = 'public' AND c.relowner <> 'verso'::regrole")).isEqualTo("0");
    assertThat(query(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isNotEqualTo("0");
    assertThat(query(s, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"))
        .isEqualTo("verso");
    assertThat(query(s, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
        .isEqualTo("verso");
  }

  private static void assertDenied(Statement s, String sql) {
    assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(DENIED));
  }

  private static String createDoc(Vertx vertx, String title) {
    return DocRecord.fromJson(await(vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_CREATE,
        new JsonObject().put("ownerId", "me").put("title", title))).body()).id();
  }

  private static Connection connect(String uri) throws SQLException {
    PgConnectOptions o = PgConnectOptions.fromUri(uri);
    return DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(),
        o.getUser(), o.getPassword());
  }

  private static String query(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One run of the application on the embedded server: deployed, some work, everything stopped. */
  private static <T> T run(JsonObject config, Work<T> work) throws Exception {
    Vertx vertx = Vertx.vertx();
    StorageLauncher launcher = new StorageLauncher(vertx);
    try {
      await(launcher.deploy(config));
      return work.apply(vertx, launcher);
    } finally {
      await(vertx.close());
      launcher.close();
    }
  }

  private interface Work<T> {
    T apply(Vertx vertx, StorageLauncher launcher) throws Exception;
  }
}
