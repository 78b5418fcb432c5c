package io.verso.bench.load;

import io.verso.bench.cluster.PrometheusText;
import io.verso.client.ApiClient;
import io.verso.client.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The running Verso node(s) under test: {@code --url http://host:port/} (several, comma-separated,
 * for a cluster; clients are spread round-robin). Creates the benchmark user and documents through
 * the HTTP API, opens bridge sockets with its cookie, and reads a node's Prometheus metrics.
 */
final class Target {
  final Vertx vertx;
  final List<URI> nodes = new ArrayList<>();
  /** Where each node's {@code /metrics} is: its ops server (default: the node's host, port 9090). */
  final List<URI> ops = new ArrayList<>();
  ApiClient api;
  /** {@code --batch true}: sockets ask for batched frames; by default the standard frames, as the browser app. */
  boolean batch;
  private final java.util.Map<Integer, ApiClient> scrapers = new java.util.concurrent.ConcurrentHashMap<>();

  Target(Vertx vertx, String urls, String opsUrls) {
    this.vertx = vertx;
    for (String u : urls.split(",")) {
      nodes.add(URI.create(u.trim()));
    }
    if (opsUrls != null) {
      for (String u : opsUrls.split(",")) {
        ops.add(URI.create(u.trim()));
      }
    } else {
      nodes.forEach(n -> ops.add(URI.create("http://" + n.getHost() + ":9090/")));
    }
  }

  Future<Void> login() {
    URI first = nodes.get(0);
    api = new ApiClient(vertx, first.getHost(), first.getPort());
    String user = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    return api.register(user, "benchmark password " + user).mapEmpty();
  }

  Future<String> newDoc(String title) {
    return newDoc(title, 3);
  }

  /** Creating a document again after a timed-out attempt at worst leaves an unused document. */
  private Future<String> newDoc(String title, int attempts) {
    return api.createDoc(title).recover(err -> attempts <= 1 ? Future.failedFuture(err) : newDoc(title, attempts - 1));
  }

  /** A bridge socket to node {@code i % nodes}. */
  Future<BridgeClient> socket(int i) {
    return socket(i, 5);
  }

  private Future<BridgeClient> socket(int i, int attempts) {
    URI n = nodes.get(i % nodes.size());
    return BridgeClient.webSocket(vertx, n.getHost(), n.getPort(), api.cookieHeader(), batch)
        .recover(err -> {
          if (attempts <= 1) {
            return Future.failedFuture(err);
          }
          io.vertx.core.Promise<BridgeClient> again = io.vertx.core.Promise.promise();
          vertx.setTimer(200, t -> socket(i, attempts - 1).onComplete(again));
          return again.future();
        });
  }

  /**
   * Sum of a metric's samples on every node (Prometheus text format); {@code name} may end with the
   * first label, e.g. {@code jvm_memory_used_bytes{area="heap"}.
   */
  Future<Double> metric(String name) {
    List<Future<Double>> all = new ArrayList<>();
    for (URI n : ops) {
      ApiClient scraper = scrapers.computeIfAbsent(n.getPort(), p -> new ApiClient(vertx, n.getHost(), p));
      all.add(scraper.expect(200, HttpMethod.GET, "/metrics", null)
          .recover(err -> scraper.expect(200, HttpMethod.GET, "/metrics", null))
          .map(a -> PrometheusText.sum(a.body(), name)));
    }
    return Future.all(all).map(cf -> all.stream().mapToDouble(Future::result).sum());
  }
}
