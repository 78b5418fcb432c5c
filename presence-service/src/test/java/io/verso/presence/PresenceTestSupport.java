package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.presence.testing.TestRedis;
import io.verso.protocol.Addresses;
import io.verso.protocol.presence.Presence;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the presence-service tests: requests as the web tier sends them, event collectors, polling. */
final class PresenceTestSupport {
  static final int TTL_SECONDS = 3;
  static final int MAX_CLIENTS_PER_USER = 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

  private PresenceTestSupport() {}

  /** The test configuration: the shared embedded Redis, a short TTL, renewal twice a second. */
  static JsonObject config() {
    return new JsonObject()
        .put("redis", new JsonObject().put("uri", TestRedis.uri()))
        .put("ttlSeconds", TTL_SECONDS)
        .put("heartbeatIntervalMs", 500)
        .put("redisTimeoutMs", 1000)
        .put("maxClientsPerUser", MAX_CLIENTS_PER_USER);
  }

  static String deploy(Vertx vertx) throws Exception {
    return vertx.deployVerticle(new PresenceVerticle(), new DeploymentOptions().setConfig(config()))
        .await(30, TimeUnit.SECONDS);
  }

  static String randomId(String prefix, int length) {
    StringBuilder sb = new StringBuilder(prefix);
    while (sb.length() < length) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  static String newDocId() {
    return randomId("doc-", 20);
  }

  static String newClientId() {
    return randomId("c", 24);
  }

  static JsonObject update(String docId, String clientId, long rev, Integer index, Integer length) {
    return new JsonObject().put("action", Presence.ACTION_UPDATE).put("docId", docId).put("clientId", clientId)
        .put("rev", rev).put("selection", index == null ? null : new JsonObject().put("index", index).put("length", length));
  }

  static JsonObject leave(String docId, String clientId) {
    return new JsonObject().put("action", Presence.ACTION_LEAVE).put("docId", docId).put("clientId", clientId);
  }

  static JsonObject heartbeat(String docId, String clientId) {
    return new JsonObject().put("action", Presence.ACTION_HEARTBEAT).put("docId", docId).put("clientId", clientId);
  }

  static JsonObject listRequest(String docId) {
    return new JsonObject().put("action", Presence.ACTION_LIST).put("docId", docId);
  }

  /** A request as the web tier sends it: local first, headers with the verified identity (none when user is null). */
  static Future<JsonObject> send(Vertx vertx, String user, Object body) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(5_000);
    if (user != null) {
      options.addHeader(Addresses.HEADER_USER_ID, user).addHeader(Addresses.HEADER_USER_NAME, "Name of " + user);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.PRESENCE_SERVICE, body, options).map(Message::body);
  }

  static JsonObject call(Vertx vertx, String user, Object body) throws Exception {
    return send(vertx, user, body).await(10, TimeUnit.SECONDS);
  }

  /** The failure code of a request that must fail. */
  static int failureCode(Vertx vertx, String user, Object body) throws Exception {
    try {
      JsonObject answer = call(vertx, user, body);
      throw new AssertionError("expected a failure, got " + answer + " for " + body);
    } catch (ReplyException e) {
      return e.failureCode();
    }
  }

  static JsonArray list(Vertx vertx, String docId) throws Exception {
    return call(vertx, "lister", listRequest(docId)).getJsonArray("clients");
  }

  static JsonObject listed(Vertx vertx, String docId, String clientId) throws Exception {
    for (Object o : list(vertx, docId)) {
      JsonObject event = (JsonObject) o;
      if (clientId.equals(event.getString("clientId"))) {
        return event;
      }
    }
    return null;
  }

  static JsonObject stats(Vertx vertx) throws Exception {
    return call(vertx, null, new JsonObject().put("action", Presence.ACTION_STATS));
  }

  /** Polls until the condition holds, failing with {@code what} after {@code timeout}. */
  static void eventually(Duration timeout, String what, CheckedCondition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.holds()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(25);
    }
  }

  interface CheckedCondition {
    boolean holds() throws Exception;
  }

  /** Every event published on one document's presence events address, as received on one node. */
  static final class Events {
    record Received(long atNanos, JsonObject event) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean probed;
    private MessageConsumer<JsonObject> consumer;

    /** Listens on {@code on}, and waits until a publish from {@code from} reaches it. */
    static Events listen(Vertx on, Vertx from, String docId) throws Exception {
      Events events = new Events();
      String address = Addresses.presenceEvents(docId);
      events.consumer = on.eventBus().consumer(address, m -> {
        if ("probe".equals(m.body().getString("type"))) {
          events.probed = true;
        } else {
          events.received.add(new Received(System.nanoTime(), m.body()));
        }
      });
      events.consumer.completion().await(10, TimeUnit.SECONDS);
      eventually(Duration.ofSeconds(10), "the events address to be reachable from the other node", () -> {
        from.eventBus().publish(address, new JsonObject().put("type", "probe"));
        Thread.sleep(50);
        return events.probed;
      });
      return events;
    }

    /** The events received so far, with their arrival times. */
    List<Received> received() {
      return new ArrayList<>(received);
    }

    /** The events of one client received so far. */
    List<JsonObject> of(String clientId) {
      return received.stream().map(Received::event).filter(e -> clientId.equals(e.getString("clientId"))).toList();
    }

    int size() {
      return received.size();
    }

    void close() throws Exception {
      consumer.unregister().await(10, TimeUnit.SECONDS);
    }
  }

  static void assertPresence(JsonObject event, String clientId, String user, long rev, Integer index, Integer length) {
    assertThat(event.getString("type")).isEqualTo("presence");
    assertThat(event.getString("clientId")).isEqualTo(clientId);
    assertThat(event.getString("userId")).isEqualTo(user);
    assertThat(event.getString("name")).isEqualTo("Name of " + user);
    assertThat(event.getString("color")).isEqualTo(Colors.of(user));
    assertThat(event.getLong("rev")).isEqualTo(rev);
    if (index == null) {
      assertThat(event.getValue("selection")).isNull();
    } else {
      assertThat(event.getJsonObject("selection")).isEqualTo(new JsonObject().put("index", index).put("length", length));
    }
  }
}
