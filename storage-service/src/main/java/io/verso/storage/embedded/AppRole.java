package io.verso.storage.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login role Verso runs as on the embedded server, made with the superuser (used for nothing
 * else): no superuser, no CREATEROLE, no CREATEDB, no replication, owner of its database and of
 * everything in that database's {@code public} schema. A compromised node then reaches Verso's own
 * tables, not the server (no {@code COPY ... PROGRAM}, no other databases' roles or passwords).
 *
 * <p>Every start re-applies the whole setup, so a data directory made by an older version — tables
 * owned by the superuser — is handed over to the role, and an attribute changed by hand is reset.
 */
final class AppRole {
  private static final Logger LOG = LoggerFactory.getLogger(AppRole.class);
  static final String NAME = "verso";

  private final String jdbcBase;
  private final String superPassword;

  /** {@code jdbcBase}: {@code jdbc:postgresql://host:port/} of the server. */
  AppRole(String jdbcBase, String superPassword) {
    this.jdbcBase = jdbcBase;
    this.superPassword = superPassword;
  }

  /** Creates or resets the role with {@code password}, creates {@code database} for it and hands it over. */
  void prepare(String database, String password) {
    try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
      if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'")) {
        s.execute("CREATE ROLE " + NAME);
        LOG.info("Created the database role {} that Verso runs as", NAME);
      }
      s.execute("ALTER ROLE " + NAME
          + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT -1");
      // hashed (SCRAM) by the driver: the password itself never reaches the server or its log
      c.unwrap(PGConnection.class).alterUserPassword(NAME, password.toCharArray(), "scram-sha-256");
      if (exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        s.execute("ALTER DATABASE " + database + " OWNER TO " + NAME);
      } else {
        s.execute("CREATE DATABASE " + database + " OWNER " + NAME);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up the database role " + NAME + ": " + e.getMessage(), e);
    }
    handOver(database);
  }

  /** Gives the role what the superuser owns in {@code database}'s public schema (older data directories). */
  private void handOver(String database) {
    try (Connection c = superuser(database); Statement s = c.createStatement()) {
      s.execute("ALTER SCHEMA public OWNER TO " + NAME);
      // Not REASSIGN OWNED BY postgres: it would also hand over the server's other databases.
      // Tables first: their identity sequences and indexes follow them; then what stands alone.
      s.execute("""
          DO $$
          DECLARE r record; n int := 0;
          BEGIN
            FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND c.relowner <> '%1$s'::regrole LOOP
              EXECUTE format('ALTER TABLE public.%%I OWNER TO %1$s', r.relname);
              n := n + 1;
            END LOOP;
            FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                WHERE ns.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '%1$s'::regrole
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
              EXECUTE format('ALTER SEQUENCE public.%%I OWNER TO %1$s', r.relname);
              n := n + 1;
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace
                WHERE ns.nspname = 'public' AND p.proowner <> '%1$s'::regrole LOOP
              EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.sig);
              n := n + 1;
            END LOOP;
            IF n > 0 THEN
              RAISE NOTICE 'handed %% objects over to %1$s', n;
            END IF;
          END $$""".formatted(NAME));
      var warnings = s.getWarnings();
      if (warnings != null) {
        LOG.info("Database {}: {} (made by an older version as the superuser)", database, warnings.getMessage());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot hand database " + database + " over to the role " + NAME + ": "
          + e.getMessage(), e);
    }
  }

  private Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(jdbcBase + database, PostgresServer.SUPERUSER, superPassword);
  }

  private static boolean exists(Statement s, String query) throws SQLException {
    try (var rs = s.executeQuery(query)) {
      return rs.next();
    }
  }
}
