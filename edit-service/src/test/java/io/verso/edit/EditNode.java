package io.verso.edit;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One edit-service node with its own config on one real storage-service (embedded PostgreSQL),
 * for a whole test class: a static {@code @RegisterExtension} field.
 */
final class EditNode implements BeforeAllCallback, AfterAllCallback {
  private final JsonObject config;
  private Vertx vertx;

  /** @param config the edit-service's config, e.g. {@code {"edit": {"window": 1000}}} */
  EditNode(JsonObject config) {
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    Fixture.deployStorage(vertx)
        .compose(v -> Fixture.deployEdit(vertx, config))
        .await(60, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  Vertx vertx() {
    return vertx;
  }
}
