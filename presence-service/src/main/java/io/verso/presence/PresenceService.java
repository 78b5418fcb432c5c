package io.verso.presence;

import io.verso.presence.wire.PresenceFields;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.presence.wire.ClientRef;
import io.verso.protocol.presence.Presence;
import io.verso.presence.wire.PresenceEvent;
import io.verso.presence.wire.PresenceLeave;
import io.verso.presence.wire.PresenceStats;
import io.verso.presence.wire.PresenceUpdate;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence logic of one node: the clients this node serves (the web tier sends each client's
 * messages to its own node), their throttled publication, their entries in Redis, and the answers to
 * {@code update / heartbeat / leave / list / stats}. Not thread-safe: used from the verticle's context.
 *
 * <p>A client entry belongs to the user who created it: a message for an existing clientId from
 * another user is FORBIDDEN, whether the entry is known here or (for a client served by another node)
 * in Redis. While Redis is down, presence degrades to this node's own clients.
 */
public final class PresenceService {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);
  static final int MAX_NAME = 100;
  private static final Future<JsonObject> EMPTY = Future.succeededFuture(new JsonObject());

  private static final class LocalClient {
    final ClientRef ref;
    final String userId;
    final String color;
    String name;
    PresenceEvent published;
    long lastSeen;

    LocalClient(ClientRef ref, String userId, String name, long now) {
      this.ref = ref;
      this.userId = userId;
      this.name = name;
      this.color = Colors.of(userId);
      this.lastSeen = now;
    }
  }

  private final String nodeId;
  private final PresenceConfig config;
  private final Timers timers;
  private final BiConsumer<String, JsonObject> publisher;
  private final Sender sender;
  private final PresenceStore store;
  private final Throttle<ClientRef, PresenceEvent> throttle;
  /** docId → clientId → client served here. */
  private final Map<String, Map<String, LocalClient>> clients = new HashMap<>();
  /** Clients whose ownership is being checked in Redis: later messages for them wait for it, in order. */
  private final Map<ClientRef, Future<JsonObject>> resolving = new HashMap<>();
  /** The cluster's node ids now (null when not clustered), to notice nodes that died. */
  private final Supplier<Collection<String>> clusterNodes;
  private Set<String> knownNodes;
  private int clientCount;
  /** userId → number of clients of that user served here (for maxClientsPerUser). */
  private final Map<String, Integer> perUser = new HashMap<>();
  private long received;
  private long leaves;
  private long rejected;

  /** Sends a message to another presence instance, as {@code userId} (stamped in the header). */
  @FunctionalInterface
  public interface Sender {
    void send(String address, String userId, JsonObject body);
  }

  public PresenceService(String nodeId, PresenceConfig config, Timers timers,
      BiConsumer<String, JsonObject> publisher, Sender sender, Redis redis,
      Supplier<Collection<String>> clusterNodes) {
    this.nodeId = nodeId;
    this.sender = sender;
    this.clusterNodes = clusterNodes;
    this.config = config;
    this.timers = timers;
    this.publisher = publisher;
    this.store = new PresenceStore(redis, config, nodeId, this::rewriteAll, this::expired);
    this.throttle = new Throttle<>(timers, config.throttleIntervalMs(), this::emit);
  }

  /** Answers one request; never throws (failures are in the future, with a code of the vocabulary). */
  public Future<JsonObject> handle(String userId, String userName, Object body) {
    Future<JsonObject> answer = answer(userId, userName, body);
    if (!answer.succeeded()) {
      answer = answer.onFailure(err -> rejected++);
    }
    return answer;
  }

  private Future<JsonObject> answer(String userId, String userName, Object body) {
    try {
      if (!(body instanceof JsonObject json)) {
        throw ErrorCode.BAD_REQUEST.exception("body must be a JSON object");
      }
      Object action = json.getValue("action");
      if (Presence.ACTION_STATS.equals(action)) {
        return Future.succeededFuture(stats().toJson());
      }
      if (Presence.ACTION_HELLO.equals(action)) {
        return Future.succeededFuture(
            new JsonObject().put("nodeId", nodeId).put("address", Addresses.presenceNode(nodeId)));
      }
      if (userId == null || userId.isBlank()) {
        throw ErrorCode.UNAUTHENTICATED.exception("no verified user");
      }
      if (!(action instanceof String a)) {
        throw ErrorCode.BAD_REQUEST.exception("action must be a string");
      }
      return switch (a) {
        case Presence.ACTION_UPDATE -> update(userId, displayName(userName, userId), PresenceUpdate.fromJson(json));
        case Presence.ACTION_HEARTBEAT -> heartbeat(userId, ClientRef.fromJson(json));
        case Presence.ACTION_LEAVE -> leave(userId, ClientRef.fromJson(json));
        case Presence.ACTION_LIST -> list(PresenceFields.docId(json));
        case Presence.ACTION_MOVED -> moved(userId, ClientRef.fromJson(json));
        default -> throw ErrorCode.BAD_REQUEST.exception("unknown action");
      };
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The header's display name without control characters, at most MAX_NAME chars (never half a pair). */
  static String displayName(String name, String userId) {
    String n = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
    if (n.isEmpty()) {
      n = userId;
    }
    if (n.length() > MAX_NAME) {
      int end = Character.isHighSurrogate(n.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
      n = n.substring(0, end);
    }
    return n;
  }

  // ---------------------------------------------------------------- actions

  Future<JsonObject> update(String userId, String name, PresenceUpdate update) {
    ClientRef ref = new ClientRef(update.docId(), update.clientId());
    Future<JsonObject> pending = resolving.get(ref);
    if (pending != null) {
      return pending.transform(ar -> update(userId, name, update));
    }
    LocalClient client = client(ref);
    if (client != null) {
      if (!client.userId.equals(userId)) {
        return forbidden();
      }
      apply(client, name, update);
      return EMPTY;
    }
    if (perUser.getOrDefault(userId, 0) >= config.maxClientsPerUser()) {
      return Future.failedFuture(ErrorCode.RATE_LIMITED.exception("too many editor tabs for this user"));
    }
    // A client new to this node: it may already be someone else's, served by another node.
    Future<JsonObject> created = storedEntry(ref).compose(stored -> {
      if (stored != null && !stored.event().userId().equals(userId)) {
        return forbidden();
      }
      if (perUser.getOrDefault(userId, 0) >= config.maxClientsPerUser()) { // others got in meanwhile
        return Future.<JsonObject>failedFuture(ErrorCode.RATE_LIMITED.exception("too many editor tabs for this user"));
      }
      LocalClient c = new LocalClient(ref, userId, name, timers.now());
      clients.computeIfAbsent(ref.docId(), d -> new HashMap<>()).put(ref.clientId(), c);
      perUser.merge(userId, 1, Integer::sum);
      clientCount++;
      apply(c, name, update);
      if (stored != null && !nodeId.equals(stored.nodeId())) {
        // the client came here from another instance (its web node said hello again): that one forgets it
        sender.send(Addresses.presenceNode(stored.nodeId()), userId, ref.toJson(Presence.ACTION_MOVED));
      }
      return EMPTY;
    });
    track(ref, created);
    return created;
  }

  private void apply(LocalClient client, String name, PresenceUpdate update) {
    received++;
    client.lastSeen = timers.now();
    client.name = name;
    throttle.offer(client.ref, new PresenceEvent(update.clientId(), client.userId, name, client.color,
        update.rev(), update.selection()));
  }

  /** The throttle lets a state through: publish it, then keep it in Redis. */
  private void emit(ClientRef ref, PresenceEvent event) {
    LocalClient client = client(ref);
    if (client == null) {
      return;
    }
    client.published = event;
    publisher.accept(Addresses.presenceEvents(ref.docId()), event.toJson());
    store.upsert(new StoredEntry(ref.docId(), nodeId, event));
  }

  Future<JsonObject> heartbeat(String userId, ClientRef ref) {
    Future<JsonObject> pending = resolving.get(ref);
    if (pending != null) {
      return pending.transform(ar -> heartbeat(userId, ref));
    }
    LocalClient client = client(ref);
    if (client == null) {
      return EMPTY;
    }
    if (!client.userId.equals(userId)) {
      return forbidden();
    }
    client.lastSeen = timers.now();
    if (client.published != null) {
      store.upsert(new StoredEntry(ref.docId(), nodeId, client.published));
    }
    return EMPTY;
  }

  Future<JsonObject> leave(String userId, ClientRef ref) {
    Future<JsonObject> pending = resolving.get(ref);
    if (pending != null) {
      return pending.transform(ar -> leave(userId, ref));
    }
    LocalClient client = client(ref);
    if (client != null) {
      if (!client.userId.equals(userId)) {
        return forbidden();
      }
      remove(client);
      return EMPTY;
    }
    // Served by another node (or already gone): only its owner may remove it.
    Future<JsonObject> removed = store.isUp() ? store.get(ref).otherwiseEmpty().compose(entry -> {
      if (entry == null || client(ref) != null) {
        return EMPTY;
      }
      if (!entry.event().userId().equals(userId)) {
        return forbidden();
      }
      store.delete(ref);
      publishLeave(ref);
      return EMPTY;
    }) : EMPTY;
    track(ref, removed);
    return removed;
  }

  /**
   * Another instance now serves this client (same user): forget it here, without deleting its entry
   * (the new instance owns it) and without a leave (the client is still there).
   */
  Future<JsonObject> moved(String userId, ClientRef ref) {
    Future<JsonObject> pending = resolving.get(ref);
    if (pending != null) {
      return pending.transform(ar -> moved(userId, ref));
    }
    LocalClient client = client(ref);
    if (client == null) {
      return EMPTY;
    }
    if (!client.userId.equals(userId)) {
      return forbidden();
    }
    forget(client);
    store.cancel(ref);
    return EMPTY;
  }

  Future<JsonObject> list(String docId) {
    Future<List<StoredEntry>> stored = store.isUp() ? store.list(docId) : Future.succeededFuture(List.of());
    return stored.otherwise(err -> List.of()).map(entries -> {
      Map<String, JsonObject> byClient = new LinkedHashMap<>();
      for (StoredEntry entry : entries) {
        // this node's own entries come from its memory below: one it no longer serves is gone already
        if (!nodeId.equals(entry.nodeId())) {
          byClient.put(entry.event().clientId(), entry.event().toJson());
        }
      }
      for (LocalClient c : clients.getOrDefault(docId, Map.of()).values()) {
        if (c.published != null) {
          byClient.put(c.ref.clientId(), c.published.toJson()); // this node's view is the freshest
        }
      }
      return new JsonObject().put("clients", new JsonArray(new ArrayList<>(byClient.values())));
    });
  }

  public PresenceStats stats() {
    return new PresenceStats(received, throttle.emitted(), throttle.coalesced(), store.errors(), leaves,
        rejected, clientCount, store.isUp());
  }

  // ---------------------------------------------------------------- timer

  /**
   * Periodic work: drops clients silent for longer than {@code clientIdleSeconds}, renews the TTL of
   * every live client served here (re-writing it whole, which also repairs a restarted Redis) and
   * lets the store flush or probe.
   */
  public void tick() {
    if (config.clientIdleSeconds() > 0) {
      long oldest = timers.now() - config.clientIdleSeconds() * 1000L;
      List<LocalClient> idle = new ArrayList<>();
      forEachClient(c -> {
        if (c.lastSeen < oldest) {
          idle.add(c);
        }
      });
      idle.forEach(this::remove);
    }
    rewriteAll();
    store.tick();
    reapDeadNodes();
    sweepExpired();
  }

  /**
   * Lists, in Redis, each document this node has clients on: entries found expired (their node died
   * unnoticed, or stopped renewing) are removed from the index and announced with a leave, so other
   * clients drop their cursors within a TTL plus one renewal interval.
   */
  private void sweepExpired() {
    if (store.isUp()) {
      for (String docId : List.copyOf(clients.keySet())) {
        store.list(docId);
      }
    }
  }

  /** An entry found expired in Redis: announce its leave, unless this node still serves the client. */
  private void expired(ClientRef ref) {
    LocalClient client = client(ref);
    if (client == null) {
      publishLeave(ref);
    } else if (client.published != null) {
      store.upsert(new StoredEntry(ref.docId(), nodeId, client.published));
    }
  }

  /**
   * A node that left the cluster (crash or partition) stops renewing its entries; rather than let
   * them linger for the TTL, remove them now and publish their leave.
   */
  private void reapDeadNodes() {
    if (clusterNodes == null) {
      return;
    }
    Set<String> now;
    try {
      now = new HashSet<>(clusterNodes.get());
    } catch (RuntimeException e) { // the cluster manager is shutting down: nothing to learn now
      LOG.debug("cluster membership unavailable", e);
      return;
    }
    Set<String> before = knownNodes;
    knownNodes = now;
    if (before == null) {
      return;
    }
    for (String node : before) {
      if (!now.contains(node) && !node.equals(nodeId)) {
        store.reap(node).onSuccess(refs -> {
          if (!refs.isEmpty()) {
            LOG.info("Node {} left the cluster: removed its {} presence entries", node, refs.size());
          }
          refs.forEach(this::publishLeave);
        });
      }
    }
  }

  private void rewriteAll() {
    forEachClient(c -> {
      if (c.published != null) {
        store.upsert(new StoredEntry(c.ref.docId(), nodeId, c.published));
      }
    });
  }

  // ---------------------------------------------------------------- helpers

  /** The client's entry in Redis, or null (also when Redis is down: degraded, only local knowledge). */
  private Future<StoredEntry> storedEntry(ClientRef ref) {
    if (!store.isUp()) {
      return Future.succeededFuture(null);
    }
    return store.get(ref).otherwiseEmpty();
  }

  private void track(ClientRef ref, Future<JsonObject> work) {
    if (work.isComplete()) {
      return;
    }
    resolving.put(ref, work);
    work.onComplete(ar -> resolving.remove(ref, work));
  }

  private void remove(LocalClient client) {
    if (forget(client)) {
      store.delete(client.ref);
      publishLeave(client.ref);
    }
  }

  /** Drops a client from this node's memory only; false when it was not served here. */
  private boolean forget(LocalClient client) {
    Map<String, LocalClient> doc = clients.get(client.ref.docId());
    if (doc == null || doc.remove(client.ref.clientId()) == null) {
      return false;
    }
    if (doc.isEmpty()) {
      clients.remove(client.ref.docId());
    }
    clientCount--;
    perUser.computeIfPresent(client.userId, (u, n) -> n > 1 ? n - 1 : null);
    throttle.cancel(client.ref);
    return true;
  }

  private void publishLeave(ClientRef ref) {
    leaves++;
    publisher.accept(Addresses.presenceEvents(ref.docId()), new PresenceLeave(ref.clientId()).toJson());
  }

  private LocalClient client(ClientRef ref) {
    Map<String, LocalClient> doc = clients.get(ref.docId());
    return doc == null ? null : doc.get(ref.clientId());
  }

  private void forEachClient(java.util.function.Consumer<LocalClient> action) {
    for (Map<String, LocalClient> doc : clients.values()) {
      doc.values().forEach(action);
    }
  }

  private static Future<JsonObject> forbidden() {
    return Future.failedFuture(ErrorCode.FORBIDDEN.exception("this client belongs to another user"));
  }
}
