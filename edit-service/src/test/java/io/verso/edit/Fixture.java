package io.verso.edit;

import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.verso.runtime.testing.RandomEdits;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Shared wiring of the edit-service tests: real storage-service on embedded PostgreSQL. */
final class Fixture {
  private Fixture() {}

  /** Deploys storage-service on a fresh database of the JVM's embedded PostgreSQL. */
  static Future<Void> deployStorage(Vertx vertx) {
    return deployStorage(vertx, io.verso.storage.testing.TestPostgres.freshConfig());
  }

  static Future<Void> deployStorage(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new io.verso.storage.StorageVerticle(), new DeploymentOptions().setConfig(config))
        .mapEmpty();
  }

  static Future<String> deployEdit(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new EditVerticle(), new DeploymentOptions().setConfig(config));
  }

  /**
   * A document of {@code ownerId} hosted by {@code host}: storage on {@code storageNode}, edit-service
   * on {@code host} alone while the document is opened (so that node owns it), then on
   * {@code standby} too, ready to take over when the host dies.
   */
  static String docHostedBy(Vertx storageNode, Vertx host, Vertx standby, JsonObject edit, String ownerId)
      throws Exception {
    deployStorage(storageNode).await(60, TimeUnit.SECONDS);
    deployEdit(host, edit).await(30, TimeUnit.SECONDS);
    String docId = createDoc(storageNode, ownerId).await(10, TimeUnit.SECONDS);
    send(storageNode, docId, "viewer", new JsonObject().put("action", "open")).await(20, TimeUnit.SECONDS);
    deployEdit(standby, edit).await(30, TimeUnit.SECONDS);
    return docId;
  }

  static Future<String> createDoc(Vertx vertx, String ownerId) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_CREATE,
            new JsonObject().put("ownerId", ownerId).put("title", "Test document"))
        .map(m -> m.body().getString("id"));
  }

  static Future<JsonObject> send(Vertx vertx, String docId, String role, JsonObject body) {
    return send(vertx, docId, role, "tester", body);
  }

  static Future<JsonObject> send(Vertx vertx, String docId, String role, String userId, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000)
        .addHeader(Addresses.HEADER_USER_ID, userId);
    if (role != null) {
      options.addHeader(Addresses.HEADER_ROLE, role);
    }
    return new DocumentClient(vertx).request(docId, body, options).map(m -> (JsonObject) m.body());
  }

  static Future<JsonObject> submit(Vertx vertx, String docId, String role, String clientId, long seq,
      long baseRev, JsonArray ops) {
    return send(vertx, docId, role, new JsonObject().put("action", "submit").put("clientId", clientId)
        .put("seq", seq).put("baseRev", baseRev).put("ops", ops));
  }

  /** The whole op log of a document, read from storage. */
  static Future<List<OpEvent>> opLog(Vertx vertx, String docId, long head) {
    List<OpEvent> all = new ArrayList<>();
    return readFrom(vertx, docId, 0, head, all).map(v -> all);
  }

  private static Future<Void> readFrom(Vertx vertx, String docId, long from, long head, List<OpEvent> into) {
    if (from >= head) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(Addresses.STORAGE_OPS_RANGE,
            new RangeRequest(docId, from, head, 10_000).toJson())
        .compose(m -> {
          List<OpEvent> page = OpsResult.fromJson(m.body()).ops().stream().map(OpEvent::of).toList();
          into.addAll(page);
          return page.isEmpty() ? Future.succeededFuture()
              : readFrom(vertx, docId, page.get(page.size() - 1).rev(), head, into);
        });
  }

  /** Runs an action on an event loop of {@code vertx} (the clients are not thread-safe). */
  static <T> Future<T> onLoop(Vertx vertx, Supplier<Future<T>> action) {
    Promise<T> p = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        action.get().onComplete(p);
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  /**
   * Each client makes {@code editsEach} random edits: every 5 ms, each client not done yet edits with
   * probability 1/{@code oneIn}, on an event loop of {@code vertx} (the clients' context). Completes
   * when all are done.
   */
  static Future<Void> typeRandomly(Vertx vertx, List<TestClient> clients, Random rnd, int editsEach, int oneIn) {
    return onLoop(vertx, () -> {
      Promise<Void> done = Promise.promise();
      int[] made = new int[clients.size()];
      vertx.setPeriodic(5, id -> {
        boolean finished = true;
        for (int i = 0; i < clients.size(); i++) {
          if (made[i] < editsEach) {
            finished = false;
            if (rnd.nextInt(oneIn) == 0) {
              TestClient c = clients.get(i);
              c.edit(RandomEdits.next(rnd, c.state().document()));
              made[i]++;
            }
          }
        }
        if (finished) {
          vertx.cancelTimer(id);
          done.complete();
        }
      });
      return done.future();
    });
  }

  /** Waits until every client has all its edits acknowledged and has caught up with the others. */
  static void awaitIdle(Vertx vertx, List<TestClient> clients, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      boolean idle = onLoop(vertx, () -> {
        long max = clients.stream().mapToLong(c -> c.state().rev()).max().orElse(0);
        boolean all = clients.stream().allMatch(c -> c.idle() && c.state().rev() == max);
        if (!all) {
          clients.forEach(TestClient::catchup);
        }
        return Future.succeededFuture(all);
      }).await(10, TimeUnit.SECONDS);
      if (idle) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("clients did not settle within " + timeoutMs + " ms");
  }

  /** A one-insert op. */
  static JsonArray insert(String text) {
    return new JsonArray().add(new JsonObject().put("insert", text));
  }

  /** What storage holds of a document: its latest snapshot and the ops after it. */
  static io.verso.protocol.storage.LoadResult stored(Vertx vertx, String docId) throws Exception {
    return vertx.eventBus().<JsonObject>request(Addresses.STORAGE_DOC_LOAD,
            new io.verso.protocol.storage.DocIdRequest(docId).toJson())
        .map(m -> io.verso.protocol.storage.LoadResult.fromJson(m.body())).await(10, TimeUnit.SECONDS);
  }

  /** Waits (10 s at most) until what storage holds of a document passes {@code until}; fails otherwise. */
  static io.verso.protocol.storage.LoadResult awaitStored(Vertx vertx, String docId,
      java.util.function.Predicate<io.verso.protocol.storage.LoadResult> until) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    io.verso.protocol.storage.LoadResult r = stored(vertx, docId);
    while (!until.test(r) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      r = stored(vertx, docId);
    }
    if (!until.test(r)) {
      throw new AssertionError("storage reached the expected state: " + r);
    }
    return r;
  }

  /** Whether this node hosts a sequencer of the document now. */
  static boolean hosted(Vertx vertx, String docId) throws Exception {
    JsonObject status = vertx.eventBus().<JsonObject>request(Addresses.EDIT_STATUS, new JsonObject(),
        new DeliveryOptions().setLocalOnly(true)).map(m -> m.body()).await(10, TimeUnit.SECONDS);
    return status.getJsonArray("docs").stream().anyMatch(o -> docId.equals(((JsonObject) o).getString("docId")));
  }
}
