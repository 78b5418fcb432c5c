package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.bench.cluster.VersoProcess;
import io.verso.client.ApiClient;
import io.verso.runtime.testing.Clusters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, acceptance 1: the README's run command ({@code java -jar app/target/verso.jar}, nothing
 * configured) starts every service with embedded PostgreSQL and Redis and prints the URL; the URL
 * answers; after SIGTERM, a second start on the same data directory has the same users and documents.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AppRunIT {
  @Test
  void oneCommandStartsVersoAndASecondStartReusesTheData() throws Exception {
    Path data = Files.createTempDirectory("verso-run-it");
    int port = Clusters.freePort();
    Vertx vertx = Vertx.vertx();
    try {
      String docId;
      try (VersoProcess first = VersoProcess.start("run-first", port, List.of("--data-dir", data.toString()))) {
        String url = first.awaitRunning(150);
        assertEquals("http://localhost:" + port + "/", url);
        ApiClient api = new ApiClient(vertx, "127.0.0.1", port);
        ApiClient.Answer index = api.expect(200, HttpMethod.GET, "/", null).await();
        assertTrue(index.body().contains("<html") || index.body().contains("<!doctype html"), "the app page");
        // health and metrics on the ops port only, never on the public one
        ApiClient ops = new ApiClient(vertx, "127.0.0.1", first.opsPort);
        ops.expect(200, HttpMethod.GET, "/health/live", null).await();
        ops.expect(200, HttpMethod.GET, "/health/ready", null).await();
        ops.expect(200, HttpMethod.GET, "/metrics", null).await();
        api.expect(404, HttpMethod.GET, "/health/ready", null).await();
        api.expect(404, HttpMethod.GET, "/metrics", null).await();
        api.register("grace", "a long enough password").await();
        docId = api.createDoc("kept between runs").await();
        assertEquals(143, first.terminate(60), "graceful exit on SIGTERM");
      }
      try (VersoProcess second = VersoProcess.start("run-second", port, List.of("--data-dir", data.toString()))) {
        second.awaitRunning(150);
        ApiClient api = new ApiClient(vertx, "127.0.0.1", port);
        api.login("grace", "a long enough password").await();
        JsonArray docs = new JsonArray(api.expect(200, HttpMethod.GET, "/api/docs", null).await().body());
        assertEquals(1, docs.size(), "the document of the first run: " + docs);
        assertEquals(docId, docs.getJsonObject(0).getString("id"));
        assertEquals("kept between runs", docs.getJsonObject(0).getString("title"));
        second.terminate(60);
      }
    } finally {
      vertx.close().await();
    }
  }
}
