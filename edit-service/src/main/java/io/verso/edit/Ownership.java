package io.verso.edit;

import io.verso.runtime.DocLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which edit-service instance owns which document, in two cluster-wide maps: {@code owners}
 * (docId → nodeId) and {@code nodes} (nodeId → liveness lease with a TTL, renewed every third of
 * its life). An owner whose lease ran out (its node died or hangs) is replaced by compare-and-set.
 *
 * <p>Exclusivity here is best effort; safety rests on the storage fence (an append whose first rev
 * is not the stored head + 1 fails, and its sequencer steps down).
 */
final class Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
  private static final int MAX_CLAIM_ROUNDS = 3;

  private final Vertx vertx;
  private final String nodeId;
  private final long leaseMs;
  private AsyncMap<String, String> owners;
  private AsyncMap<String, Long> nodes;
  private long timer = -1;

  Ownership(Vertx vertx, String nodeId, long leaseMs) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.leaseMs = leaseMs;
  }

  Future<Void> start() {
    return Future.all(vertx.sharedData().<String, String>getAsyncMap("verso.edit.owners"),
            vertx.sharedData().<String, Long>getAsyncMap("verso.edit.nodes"))
        .compose(maps -> {
          owners = maps.resultAt(0);
          nodes = maps.resultAt(1);
          timer = vertx.setPeriodic(leaseMs / 3, id -> renew()
              .onFailure(err -> LOG.warn("Lease renewal of {} failed: {}", nodeId, err.getMessage())));
          return renew();
        });
  }

  private Future<Void> renew() {
    try {
      return nodes.put(nodeId, System.currentTimeMillis(), leaseMs);
    } catch (RuntimeException e) {
      // the cluster manager throws instead of failing when this member has left the cluster
      return Future.failedFuture(e);
    }
  }

  /** Claims {@code docId} for this node unless a live node owns it; answers the owner's node id. */
  Future<String> claim(String docId) {
    return claim(docId, 1);
  }

  private Future<String> claim(String docId, int round) {
    return owners.putIfAbsent(docId, nodeId).compose(previous -> {
      if (previous == null || previous.equals(nodeId)) {
        return Future.succeededFuture(nodeId);
      }
      return nodes.get(previous).compose(lease -> {
        if (lease != null) {
          return Future.succeededFuture(previous);
        }
        DocLog.with(docId, () -> LOG.info("Taking over {} from {} (lease expired)", docId, previous));
        return owners.replaceIfPresent(docId, previous, nodeId).compose(replaced -> {
          if (replaced) {
            return Future.succeededFuture(nodeId);
          }
          return round < MAX_CLAIM_ROUNDS ? claim(docId, round + 1)
              : owners.get(docId).map(owner -> owner == null ? nodeId : owner);
        });
      });
    });
  }

  Future<Void> release(String docId) {
    return owners.removeIfPresent(docId, nodeId).mapEmpty();
  }

  Future<Void> stop() {
    vertx.cancelTimer(timer);
    return nodes == null ? Future.succeededFuture() : nodes.remove(nodeId).mapEmpty();
  }
}
