package io.verso.bench.load;

import io.verso.client.BridgeClient;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * B3's presence load (issue 28): every editor also moves its cursor a few times a second, as the
 * browser app does (an {@code update} to {@code presence.<doc>} with its own presence id), and listens
 * to the document's presence events. The cursor's latency — from the sender's update to its arrival at
 * each other editor — is kept apart from the ops' latency, as are the deliveries counted.
 */
final class Cursors {
  private final Recorder latency = new Recorder(3);
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private volatile boolean measuring;

  /** Listens to {@code docId}'s presence events on {@code sock}, skipping its own ({@code presenceId}). */
  void listen(BridgeClient sock, String docId, String presenceId) {
    sock.register("presence." + docId + ".events", event -> {
      JsonObject selection = event.getJsonObject("selection");
      String from = event.getString("clientId");
      if (!measuring || selection == null || presenceId.equals(from)) {
        return;
      }
      Sent s = sent.get(from);
      long at = s == null ? -1 : s.at(selection.getInteger("index", -1));
      delivered.incrementAndGet();
      if (at >= 0) {
        latency.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
      }
    });
  }

  /** Sends {@code presenceId}'s cursor at {@code index} (revision {@code rev}) and remembers when. */
  void move(BridgeClient sock, String docId, String presenceId, long rev, int index) {
    sent.computeIfAbsent(presenceId, k -> new Sent()).put(index, System.nanoTime());
    sock.send("presence." + docId, new JsonObject().put("action", "update").put("clientId", presenceId).put("rev", rev)
        .put("selection", new JsonObject().put("index", index).put("length", 0)));
  }

  void start() {
    latency.reset();
    delivered.set(0);
    measuring = true;
  }

  void stop() {
    measuring = false;
  }

  Histogram latency() {
    return latency.getIntervalHistogram();
  }

  long delivered() {
    return delivered.get();
  }

  /** The send times of one sender's last few cursor positions (a cursor moves on between two sends). */
  private static final class Sent {
    private static final int SIZE = 8;
    private final int[] index = new int[SIZE];
    private final long[] nanos = new long[SIZE];
    private int next;

    synchronized void put(int at, long time) {
      index[next] = at;
      nanos[next] = time;
      next = (next + 1) % SIZE;
    }

    synchronized long at(int at) {
      for (int i = 0; i < SIZE; i++) {
        int slot = Math.floorMod(next - 1 - i, SIZE);
        if (nanos[slot] != 0 && index[slot] == at) {
          return nanos[slot];
        }
      }
      return -1;
    }
  }
}
