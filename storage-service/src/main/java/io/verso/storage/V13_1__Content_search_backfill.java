package io.verso.storage;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the content search index (V13) from each existing document's latest snapshot, with the words
 * {@link SearchText} makes, as every later snapshot does: in Java because no SQL reproduces that
 * split and lower-casing. Documents without a snapshot have had nothing saved yet: their first
 * snapshot indexes them. Read through a cursor (a few snapshots in memory at once), written in
 * batches, in the migration's transaction. The class name is Flyway's: version 13.1.
 */
public final class V13_1__Content_search_backfill extends BaseJavaMigration {
  private static final int FETCH = 16;
  private static final int BATCH = 100;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (PreparedStatement read = c.prepareStatement(
            "SELECT DISTINCT ON (doc_id) doc_id, rev, content::text FROM snapshots ORDER BY doc_id, rev DESC");
        PreparedStatement write = c.prepareStatement("INSERT INTO doc_search (doc_id, rev, words) "
            + "VALUES (?, ?, array_to_tsvector(?::text[])) ON CONFLICT (doc_id) DO NOTHING")) {
      read.setFetchSize(FETCH); // a cursor: the migration runs in a transaction (autocommit off)
      int pending = 0;
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          write.setString(1, rows.getString(1));
          write.setLong(2, rows.getLong(2));
          write.setArray(3, c.createArrayOf("text", SearchText.lexemes(new JsonArray(rows.getString(3)))));
          write.addBatch();
          if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
  }
}
