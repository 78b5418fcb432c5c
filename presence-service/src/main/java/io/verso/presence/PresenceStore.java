package io.verso.presence;

import io.verso.protocol.ErrorCode;
import io.verso.presence.wire.ClientRef;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence in Redis. Per client: {@code verso:presence:{docId}:client:<clientId>} holds the stored
 * entry as JSON with {@code EX ttl}; per document: the sorted set {@code verso:presence:{docId}:clients}
 * of client ids scored by expiry (epoch ms), itself expiring with the TTL, so {@code list} needs no
 * key scan. Expired members are removed on read.
 *
 * <p>Writes go through one ordered, coalescing writer: the latest operation per client is queued and
 * at most one pipeline is in flight, so a write never overtakes an older one for the same client.
 * While Redis is unreachable, writes wait in the queue (one entry per client, at most) and the
 * periodic {@link #tick()} probes; the outage is logged once, on the way down and on the way back,
 * and {@code onRecovered} lets the owner re-write its live entries. Not thread-safe: one context.
 */
final class PresenceStore {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceStore.class);
  /** Tolerated clock difference between nodes when pruning the per-document index. */
  private static final long CLOCK_GRACE_MS = 5_000;
  /** At most this many clients are listed per document. */
  static final int MAX_LIST = 1_000;

  private record Op(ClientRef ref, StoredEntry entry, long at) {}

  private final Redis redis;
  private final String nodeId;
  private final int ttlSeconds;
  private final long timeoutMs;
  private final long renewalMs;
  private final Runnable onRecovered;
  private final Consumer<ClientRef> onExpired;
  private final Map<ClientRef, Op> dirty = new LinkedHashMap<>();
  /** When each client was last removed (kept for one TTL), to undo a stale write landing late. */
  private final Map<ClientRef, Long> removedAt = new java.util.HashMap<>();
  private boolean writing;
  private boolean up = true;
  private long errors;

  /**
   * @param onRecovered called when Redis answers again after an outage (to re-write live entries)
   * @param onExpired called, once in the whole cluster, for each client whose entry expired (its node
   *     stopped renewing it) when a {@link #list} finds it gone
   */
  PresenceStore(Redis redis, PresenceConfig config, String nodeId, Runnable onRecovered,
      Consumer<ClientRef> onExpired) {
    this.redis = redis;
    this.nodeId = nodeId;
    this.ttlSeconds = config.ttlSeconds();
    this.timeoutMs = config.redisTimeoutMs();
    this.renewalMs = config.heartbeatIntervalMs();
    this.onRecovered = onRecovered;
    this.onExpired = onExpired;
  }

  static String clientKey(ClientRef ref) {
    return "verso:presence:{" + ref.docId() + "}:client:" + ref.clientId();
  }

  static String indexKey(String docId) {
    return "verso:presence:{" + docId + "}:clients";
  }

  /** The set of {@code docId:clientId} a node serves (for removing them at once when the node dies). */
  static String nodeKey(String nodeId) {
    return "verso:presence:node:" + nodeId;
  }

  boolean isUp() {
    return up;
  }

  long errors() {
    return errors;
  }

  // ---------------------------------------------------------------- reads

  /** The stored entry of a client, or null when there is none. Fails at once while Redis is down. */
  Future<StoredEntry> get(ClientRef ref) {
    if (!up) {
      return Future.failedFuture(unavailable());
    }
    return call(redis.send(Request.cmd(Command.GET).arg(clientKey(ref))))
        .map(r -> r == null ? null : parseOrNull(r.toString()));
  }

  /** Every live entry of a document. Fails at once while Redis is down. */
  Future<List<StoredEntry>> list(String docId) {
    if (!up) {
      return Future.failedFuture(unavailable());
    }
    String index = indexKey(docId);
    long now = System.currentTimeMillis();
    return call(redis.batch(List.of(
            // members expired for over a TTL: a sweep (see collect) had the time to announce them
            Request.cmd(Command.ZREMRANGEBYSCORE).arg(index).arg("-inf")
                .arg(now - ttlSeconds * 1000L - CLOCK_GRACE_MS),
            Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(MAX_LIST - 1))))
        .compose(responses -> {
          List<String> members = new ArrayList<>();
          for (Response member : responses.get(1)) {
            members.add(member.toString());
          }
          if (members.isEmpty()) {
            return Future.succeededFuture(List.<StoredEntry>of());
          }
          Request mget = Request.cmd(Command.MGET);
          for (String clientId : members) {
            mget.arg(clientKey(new ClientRef(docId, clientId)));
          }
          return call(redis.send(mget)).map(values -> collect(docId, index, members, values));
        });
  }

  private List<StoredEntry> collect(String docId, String index, List<String> members, Response values) {
    List<StoredEntry> entries = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Response value = values.get(i);
      StoredEntry entry = value == null ? null : parseOrNull(value.toString());
      if (entry == null || !docId.equals(entry.docId())) {
        gone.add(members.get(i));
      } else {
        entries.add(entry);
      }
    }
    if (!gone.isEmpty()) {
      // Atomically: remove the member only if its entry is still gone (not re-written meanwhile). Of
      // several nodes sweeping at once, exactly one gets 1 back and announces the expiry.
      List<Request> sweeps = new ArrayList<>();
      for (String clientId : gone) {
        sweeps.add(Request.cmd(Command.EVAL).arg(SWEEP_SCRIPT).arg(2).arg(index)
            .arg(clientKey(new ClientRef(docId, clientId))).arg(clientId));
      }
      call(redis.batch(sweeps)).onSuccess(removed -> {
        for (int i = 0; i < gone.size(); i++) {
          Response r = removed.get(i);
          if (r != null && r.toLong() == 1L) {
            onExpired.accept(new ClientRef(docId, gone.get(i)));
          }
        }
      });
    }
    return entries;
  }

  /** KEYS[1] the document index, KEYS[2] the client's entry, ARGV[1] the client id. */
  private static final String SWEEP_SCRIPT =
      "if redis.call('EXISTS', KEYS[2]) == 0 then return redis.call('ZREM', KEYS[1], ARGV[1]) end return 0";

  private static StoredEntry parseOrNull(String text) {
    try {
      return StoredEntry.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Removes the entries of a node that left the cluster and returns them (to publish their leave).
   * Only one surviving node reaps a given dead node (a {@code SET NX} marker); entries meanwhile
   * re-written by another node (a client that moved) are kept.
   */
  Future<List<ClientRef>> reap(String deadNodeId) {
    if (!up) {
      return Future.succeededFuture(List.of());
    }
    String set = nodeKey(deadNodeId);
    return call(redis.send(Request.cmd(Command.SET).arg(set + ":reaped").arg(nodeId).arg("NX").arg("EX")
            .arg(Math.max(60, ttlSeconds * 2))))
        .compose(claimed -> claimed == null
            ? Future.succeededFuture(List.<String>of())
            : call(redis.send(Request.cmd(Command.SMEMBERS).arg(set))).map(PresenceStore::strings))
        .compose(members -> {
          List<ClientRef> refs = new ArrayList<>();
          for (String member : members) {
            int colon = member.indexOf(':');
            if (colon > 0) {
              refs.add(new ClientRef(member.substring(0, colon), member.substring(colon + 1)));
            }
          }
          if (refs.isEmpty()) {
            return Future.succeededFuture(List.<ClientRef>of());
          }
          Request mget = Request.cmd(Command.MGET);
          refs.forEach(ref -> mget.arg(clientKey(ref)));
          return call(redis.send(mget)).compose(values -> {
            List<ClientRef> dead = new ArrayList<>();
            List<Request> removals = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
              Response value = values.get(i);
              StoredEntry entry = value == null ? null : parseOrNull(value.toString());
              if (entry != null && deadNodeId.equals(entry.nodeId())) {
                ClientRef ref = refs.get(i);
                dead.add(ref);
                removals.add(Request.cmd(Command.DEL).arg(clientKey(ref)));
                removals.add(Request.cmd(Command.ZREM).arg(indexKey(ref.docId())).arg(ref.clientId()));
              }
            }
            removals.add(Request.cmd(Command.DEL).arg(set));
            return call(redis.batch(removals)).map(done -> dead);
          });
        });
  }

  private static List<String> strings(Response response) {
    List<String> out = new ArrayList<>();
    if (response != null) {
      for (Response item : response) {
        out.add(item.toString());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  /** Queues the (re-)write of an entry with a fresh TTL. */
  void upsert(StoredEntry entry) {
    enqueue(new Op(entry.ref(), entry, System.currentTimeMillis()));
  }

  /** Queues the removal of a client's entry. */
  void delete(ClientRef ref) {
    enqueue(new Op(ref, null, System.currentTimeMillis()));
  }

  /** Drops a queued (not yet sent) write of a client: another node writes its entry now. */
  void cancel(ClientRef ref) {
    dirty.remove(ref);
  }

  private void enqueue(Op op) {
    dirty.remove(op.ref());
    dirty.put(op.ref(), op);
    if (up) {
      flush();
    }
  }

  /** Called periodically: flushes queued writes, and probes Redis while it is down. */
  void tick() {
    if (!up && dirty.isEmpty() && !writing) {
      call(redis.send(Request.cmd(Command.PING)));
    } else {
      flush();
    }
  }

  private void flush() {
    if (writing || dirty.isEmpty()) {
      return;
    }
    writing = true;
    List<Op> ops = new ArrayList<>(dirty.values());
    dirty.clear();
    long now = System.currentTimeMillis();
    List<Request> requests = new ArrayList<>();
    for (Op op : ops) {
      String key = clientKey(op.ref());
      String index = indexKey(op.ref().docId());
      String member = op.ref().docId() + ":" + op.ref().clientId();
      if (op.entry() == null) {
        requests.add(Request.cmd(Command.DEL).arg(key));
        requests.add(Request.cmd(Command.ZREM).arg(index).arg(op.ref().clientId()));
        requests.add(Request.cmd(Command.SREM).arg(nodeKey(nodeId)).arg(member));
      } else {
        requests.add(Request.cmd(Command.SET).arg(key).arg(op.entry().toJson().encode()).arg("EX").arg(ttlSeconds));
        requests.add(Request.cmd(Command.ZADD).arg(index).arg(now + ttlSeconds * 1000L).arg(op.ref().clientId()));
        requests.add(Request.cmd(Command.EXPIRE).arg(index).arg(ttlSeconds));
        requests.add(Request.cmd(Command.SADD).arg(nodeKey(nodeId)).arg(member));
      }
    }
    if (!requests.isEmpty()) {
      requests.add(Request.cmd(Command.EXPIRE).arg(nodeKey(nodeId)).arg(ttlSeconds));
    }
    for (Op op : ops) {
      if (op.entry() == null) {
        removedAt.put(op.ref(), op.at());
      } else if (removedAt.getOrDefault(op.ref(), Long.MAX_VALUE) < op.at()) {
        removedAt.remove(op.ref()); // back again after its removal
      }
    }
    removedAt.values().removeIf(at -> at < now - ttlSeconds * 1000L);
    Future<List<Response>> sent = redis.batch(requests);
    call(sent); // health: a slow Redis is noticed (and reads degrade) after timeoutMs
    boolean[] givenUp = {false};
    // A batch we stopped waiting for may still land after newer writes (Redis stalled, other pooled
    // connections went on): when it finally does, delete again any client it wrote that has been
    // removed since, so a departed client is never resurrected.
    sent.onSuccess(done -> {
      if (!givenUp[0]) {
        return;
      }
      List<Request> undo = new ArrayList<>();
      for (Op op : ops) {
        Long removed = removedAt.get(op.ref());
        if (op.entry() != null && removed != null && removed >= op.at()) {
          undo.add(Request.cmd(Command.DEL).arg(clientKey(op.ref())));
          undo.add(Request.cmd(Command.ZREM).arg(indexKey(op.ref().docId())).arg(op.ref().clientId()));
          undo.add(Request.cmd(Command.SREM).arg(nodeKey(nodeId)).arg(op.ref().docId() + ":" + op.ref().clientId()));
        }
      }
      if (!undo.isEmpty()) {
        call(redis.batch(undo));
      }
    });
    // Order: the next batch goes out only when this one has really completed (or failed), not merely
    // timed out, so a write slowed by a stall does not land after a newer one. The wait is given up
    // after one renewal interval (renewals must go on, e.g. over a fresh connection, before entries
    // expire); a write landing later still is overwritten by the next renewal, and whatever it could
    // resurrect expires within the TTL.
    sent.timeout(Math.max(timeoutMs, renewalMs), TimeUnit.MILLISECONDS).onComplete(ar -> {
      writing = false;
      givenUp[0] = !sent.isComplete();
      if (ar.succeeded()) {
        markUp();
      }
      if (ar.failed()) {
        long expired = System.currentTimeMillis() - ttlSeconds * 1000L;
        for (Op op : ops) {
          // a newer operation for the same client wins; a removal older than the TTL is moot
          if (!dirty.containsKey(op.ref()) && (op.entry() != null || op.at() > expired)) {
            dirty.put(op.ref(), op);
          }
        }
      } else if (up) {
        flush();
      }
    });
  }

  // ---------------------------------------------------------------- health

  /** Runs a Redis call with the timeout, counting failures and tracking up/down transitions. */
  private <T> Future<T> call(Future<T> request) {
    return request.timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(r -> markUp())
        .onFailure(this::markDown);
  }

  private void markDown(Throwable cause) {
    errors++;
    if (up) {
      up = false;
      LOG.warn("Redis unreachable ({}): presence degrades to this node's own clients until it returns",
          String.valueOf(cause.getMessage()));
    }
  }

  private void markUp() {
    if (!up) {
      up = true;
      LOG.info("Redis reachable again after {} failed operations: re-writing this node's live clients", errors);
      onRecovered.run();
      flush();
    }
  }

  /** A failed future for reads attempted while Redis is known to be down. */
  static Throwable unavailable() {
    return ErrorCode.UNAVAILABLE.exception("presence store unavailable");
  }
}
