package io.verso.web.ops;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.runtime.FreePorts;
import io.verso.web.e2e.FullStack;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health and metrics are the operator's: on the ops server only, 404 on the public port. */
class OpsPortTest {
  private static int get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void healthAndMetricsAnswerOnTheOpsPortOnly() throws Exception {
    try (FullStack stack = new FullStack(new JsonObject())) {
      int opsPort = FreePorts.pick();
      OpsVerticle ops = new OpsVerticle();
      await(stack.vertx.deployVerticle(ops, new DeploymentOptions().setConfig(new JsonObject().put("ops.port", opsPort))));
      assertThat(ops.port()).isEqualTo(opsPort);
      assertThat(get(opsPort, "/health/live")).isEqualTo(200);
      assertThat(get(opsPort, "/health/ready")).isEqualTo(200);
      for (String path : new String[] {"/health/live", "/health/ready", "/metrics"}) {
        assertThat(get(stack.port(), path)).as(path + " on the public port").isEqualTo(404);
      }
    }
  }

  @Test
  void noOpsServerWithPortZero() {
    Vertx vertx = Vertx.vertx();
    try {
      OpsVerticle ops = new OpsVerticle();
      await(vertx.deployVerticle(ops, new DeploymentOptions().setConfig(new JsonObject().put("ops.port", 0))));
      assertThat(ops.port()).isEqualTo(-1);
    } finally {
      await(vertx.close());
    }
  }
}
