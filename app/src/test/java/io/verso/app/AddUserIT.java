package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.bench.cluster.VersoProcess;
import io.verso.client.ApiClient;
import io.verso.runtime.testing.Clusters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A company deployment with closed sign-up: the operator runs {@code java -jar verso.jar add-user}
 * next to a running node on the embedded database; the command joins that node's PostgreSQL
 * (never stops it), and the new user signs in at once while strangers cannot sign up.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AddUserIT {
  @Test
  void addUserNextToARunningNodeWithClosedSignUp() throws Exception {
    Path data = Files.createTempDirectory("verso-add-user-it");
    int port = Clusters.freePort();
    Vertx vertx = Vertx.vertx();
    try (VersoProcess node = VersoProcess.start("add-user-node", port, List.of("--data-dir", data.toString(),
        "--signup", "closed"))) {
      node.awaitRunning(150);
      ApiClient stranger = new ApiClient(vertx, "127.0.0.1", port);
      assertEquals(403, stranger.call(HttpMethod.POST, "/api/auth/register", new JsonObject().put("username", "walk.in")
          .put("password", "a long password").put("displayName", "Walk In")).await().status());

      Process add = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", System.getProperty("verso.jar", "app/target/verso.jar"), "add-user", "--username", "ann",
          "--display-name", "Ann Operator", "--data-dir", data.toString()).redirectErrorStream(true).start();
      add.getOutputStream().write("correct horse battery\n".getBytes(StandardCharsets.UTF_8));
      add.getOutputStream().close();
      String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(add.waitFor(120, TimeUnit.SECONDS), output);
      assertEquals(0, add.exitValue(), output);
      assertTrue(output.contains("created user ann (Ann Operator)"), output);

      ApiClient ann = new ApiClient(vertx, "127.0.0.1", port);
      ann.login("ann", "correct horse battery").await();
      assertEquals("Ann Operator", new JsonObject(ann.expect(200, HttpMethod.GET, "/api/me", null).await().body())
          .getString("displayName"));
      ann.createDoc("made by an added user").await();
      new ApiClient(vertx, "127.0.0.1", node.opsPort).expect(200, HttpMethod.GET, "/health/ready", null).await();
      assertEquals(143, node.terminate(60), "the node's database was left running: graceful exit");
    } finally {
      vertx.close().await();
    }
  }
}
