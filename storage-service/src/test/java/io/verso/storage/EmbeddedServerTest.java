package io.verso.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.storage.embedded.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server: initialises, keeps its data between runs, works as root (drops to verso-pg). */
class EmbeddedServerTest {
  @TempDir
  Path tmp;

  @Test
  void dataSurvivesARestartOfTheServer() throws Exception {
    Path home = tmp.resolve("pg");
    PostgresServer first = PostgresServer.start(home, 0);
    try {
      first.createDatabase("verso");
      exec(first, "CREATE TABLE keep (v text); INSERT INTO keep VALUES ('kept')");
    } finally {
      first.close();
    }
    assertThat(first.running()).isFalse();
    assertThat(home.resolve("data/PG_VERSION")).exists();
    assertThat(Files.readString(home.resolve("password")).strip()).hasSizeGreaterThan(16);

    PostgresServer second = PostgresServer.start(home, 0);
    try {
      assertThat(query(second, "SELECT v FROM keep")).isEqualTo("kept");
      String user = query(second, "SELECT current_setting('listen_addresses')");
      assertThat(user).isEqualTo("127.0.0.1");
    } finally {
      second.close();
    }
  }

  private static Connection connect(PostgresServer s) throws Exception {
    String uri = s.uri("verso");
    String password = uri.substring(uri.indexOf(':', 13) + 1, uri.indexOf('@'));
    Properties p = new Properties();
    p.setProperty("user", PostgresServer.SUPERUSER);
    p.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/verso", p);
  }

  private static void exec(PostgresServer s, String sql) throws Exception {
    try (Connection c = connect(s)) {
      c.createStatement().execute(sql);
    }
  }

  private static String query(PostgresServer s, String sql) throws Exception {
    try (Connection c = connect(s); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
