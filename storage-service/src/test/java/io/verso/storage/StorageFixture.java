package io.verso.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.StorageStats;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Test helpers: a Vert.x with a deployed StorageVerticle, driven only through the event bus. */
final class StorageFixture implements AutoCloseable {
  final Vertx vertx;

  private StorageFixture(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A new Vert.x with the storage-service deployed with {@code config}. */
  static StorageFixture deploy(JsonObject config) {
    Vertx vertx = Vertx.vertx();
    await(vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(config)));
    return new StorageFixture(vertx);
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  Future<JsonObject> request(String address, Object body) {
    return vertx.eventBus().<Object>request(address, body, new DeliveryOptions().setSendTimeout(30_000))
        .map(Message::body)
        .map(b -> (JsonObject) b);
  }

  JsonObject call(String address, Object body) {
    return await(request(address, body));
  }

  /** Sends and expects a recipient failure with {@code code}; returns its message. */
  String failure(ErrorCode code, String address, Object body) {
    return expectFailure(code, request(address, body));
  }

  static String expectFailure(ErrorCode code, Future<?> f) {
    try {
      Object r = await(f);
      return fail("expected failure " + code + " but got " + r);
    } catch (ReplyException e) {
      assertThat(e.failureType()).as("failure type of %s", e).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
      assertThat(ErrorCode.of(e.failureCode())).as("code of '%s'", e.getMessage()).isEqualTo(code);
      return e.getMessage();
    }
  }

  StorageStats stats() {
    return StorageStats.fromJson(call(Addresses.STORAGE_STATS, new JsonObject()));
  }

  String createDoc(String owner, String title) {
    return call(Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", owner).put("title", title))
        .getString("id");
  }

  Future<JsonObject> append(String docId, OpRecord... ops) {
    return request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docId, List.of(ops)).toJson());
  }

  static OpRecord op(long rev, String client, long seq) {
    return new OpRecord(rev, client, seq, "user-" + client, 1_700_000_000_000L + rev,
        new JsonArray().add(new JsonObject().put("insert", "r" + rev + "/" + client + "/" + seq)));
  }
}
