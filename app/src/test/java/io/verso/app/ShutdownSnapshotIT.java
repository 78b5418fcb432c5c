package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.verso.bench.Contexts;
import io.verso.bench.cluster.VersoProcess;
import io.verso.client.ApiClient;
import io.verso.client.BridgeClient;
import io.verso.client.BridgeEditor;
import io.verso.delta.Delta;
import io.verso.runtime.testing.Clusters;
import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 26: SIGTERM snapshots every open document before the embedded PostgreSQL stops. The
 * database's own JVM shutdown hook used to stop it beside the graceful shutdown, so every final
 * snapshot failed ("Snapshot of … failed") and the next start replayed the op log instead.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShutdownSnapshotIT {
  private static final int DOCS = 3;

  @Test
  void aGracefulShutdownSnapshotsEveryOpenDocumentAtItsHead() throws Exception {
    Path data = Files.createTempDirectory("verso-shutdown-it");
    int port = Clusters.freePort();
    Vertx vertx = Vertx.vertx();
    Context ctx = vertx.getOrCreateContext();
    try {
      List<String> docs = new ArrayList<>();
      try (VersoProcess node = VersoProcess.start("shutdown-snapshots", port, List.of("--data-dir", data.toString()))) {
        node.awaitRunning(150);
        ApiClient api = new ApiClient(vertx, "127.0.0.1", port);
        api.register("sam", "a long enough password").await();
        BridgeClient bridge = on(ctx, () -> BridgeClient.webSocket(vertx, "127.0.0.1", port, api.cookieHeader())).await();
        List<BridgeEditor> editors = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
          String docId = api.createDoc("open at shutdown " + i).await();
          docs.add(docId);
          BridgeEditor editor = new BridgeEditor(vertx, bridge, docId, "shutdown-it-client-" + i + "-00000");
          editors.add(editor);
          on(ctx, editor::open).await();
          for (int k = 0; k < 5; k++) {
            BridgeEditor e = editor;
            String word = "w" + k + " ";
            on(ctx, () -> {
              e.edit(Delta.builder().insert(word).build());
              return Future.succeededFuture();
            }).await();
          }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!on(ctx, () -> Future.succeededFuture(editors.stream().allMatch(BridgeEditor::synced))).await()) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("edits not acknowledged");
          }
          Thread.sleep(50);
        }
        assertEquals(143, node.terminate(60), "graceful exit on SIGTERM");
        String log = node.output();
        assertFalse(log.contains("Snapshot of"), "no failed snapshot at shutdown; the log:\n" + log);
      }
      // the next start on the same data: every document's latest snapshot is at its head revision
      try (VersoProcess second = VersoProcess.start("shutdown-snapshots-again", port,
          List.of("--data-dir", data.toString()))) {
        second.awaitRunning(150);
        String uri = PostgresServer.runningUri(data.resolve("pg"), "verso");
        assertNotNull(uri, "the embedded PostgreSQL of the second run");
        try (Connection c = jdbc(uri)) {
          for (String docId : docs) {
            assertEquals(maxRev(c, "ops", docId), maxRev(c, "snapshots", docId), "snapshot of " + docId + " at its head");
          }
        }
        second.terminate(60);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static <T> Future<T> on(Context ctx, Supplier<Future<T>> task) {
    return Contexts.on(ctx, task);
  }

  private static Connection jdbc(String uri) throws Exception {
    URI u = URI.create(uri);
    String[] user = u.getUserInfo().split(":", 2);
    return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(),
        user[0], user[1]);
  }

  private static long maxRev(Connection c, String table, String docId) throws Exception {
    try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(rev), 0) FROM " + table + " WHERE doc_id = ?")) {
      s.setString(1, docId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
