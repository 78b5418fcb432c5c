package io.verso.storage;

import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations (Flyway, SQL in {@code classpath:db/storage}, and the Java ones listed
 * here); blocking: run off the event loop.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static void migrate(String pgUri, int connectTimeoutMs) {
    PgConnectOptions o = PgConnectOptions.fromUri(pgUri);
    MigrateResult result = configure(pgUri, connectTimeoutMs).load().migrate();
    LOG.info("storage schema at version {} ({} migrations applied) on {}:{}/{}", result.targetSchemaVersion,
        result.migrationsExecuted, o.getHost(), o.getPort(), o.getDatabase());
  }

  /** Verso's Flyway configuration for a database (tests migrate part of the way with it). */
  static FluentConfiguration configure(String pgUri, int connectTimeoutMs) {
    PgConnectOptions o = PgConnectOptions.fromUri(pgUri);
    String url = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()
        + "?connectTimeout=" + Math.max(1, connectTimeoutMs / 1000 + 1);
    return Flyway.configure()
        .dataSource(url, o.getUser(), o.getPassword())
        .locations("classpath:db/storage")
        .javaMigrations(new V13_1__Content_search_backfill()) // given, not scanned for: it lives with the code it runs
        .table("verso_storage_schema_history")
        .baselineOnMigrate(false);
  }
}
