package io.verso.web.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-local fan-out: one event-bus consumer per address this node's sockets are registered on, no
 * matter how many sockets; each message is encoded once (to JSON text, and to UTF-8 bytes for the
 * sockets that write bytes) and written to every registered socket.
 * In clustered mode this means one cluster-wide registration per (node, address) instead of one per
 * socket. Used from the web verticle's context only (not thread-safe).
 *
 * <p>Messages are written in batches that form by themselves: a message is queued and a flush task
 * is put behind whatever the event loop already has to do. Alone, a message goes out at once; when
 * the node is busy, every message that arrived meanwhile goes out in the same flush — one write (one
 * system call) per socket for many messages, so the cost per socket stops growing with the rate.
 *
 * <p>A busy address is also paced: its next flush waits until {@code flushWindowMs} after the one
 * before, gathering what arrives meanwhile. A message after a quiet spell still goes out at once; under
 * a steady stream (many typists on one document) each socket gets one write per window instead of one
 * per op. That write is most of the cost of a delivery (a {@code send} system call per socket, which
 * on a loopback or LAN path also pays the receiver's TCP work), so pacing cuts it by the number of
 * ops a window gathers, for at most one window of added latency.
 */
public final class BridgeHub {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeHub.class);

  /** A socket that receives frames. */
  public interface Subscriber {
    void deliver(String frameText);

    /** The one frame of a flush; by default its text (a socket that writes bytes takes {@link Batch#utf8}). */
    default void deliverOne(Batch batch) {
      deliver(batch.texts().get(0));
    }

    /** Several frames in order; by default one by one. */
    default void deliverAll(Batch batch) {
      for (String text : batch.texts()) {
        deliver(text);
      }
    }
  }

  /**
   * Frames flushed together, and (built once, on demand, shared by every socket) their UTF-8 bytes and
   * the same frames as one JSON array.
   */
  public static final class Batch {
    private final List<String> texts;
    private String array;
    private byte[][] utf8;
    private byte[] arrayUtf8;

    Batch(List<String> texts) {
      this.texts = texts;
    }

    public List<String> texts() {
      return texts;
    }

    public int size() {
      return texts.size();
    }

    /** Frame {@code i} as UTF-8: encoded for the first socket that asks, the same bytes for the others (read only). */
    public byte[] utf8(int i) {
      if (utf8 == null) {
        utf8 = new byte[texts.size()][];
      }
      byte[] bytes = utf8[i];
      if (bytes == null) {
        bytes = texts.get(i).getBytes(StandardCharsets.UTF_8);
        utf8[i] = bytes;
      }
      return bytes;
    }

    /** {@link #asArray()} as UTF-8, encoded once (read only). */
    public byte[] arrayUtf8() {
      if (arrayUtf8 == null) {
        arrayUtf8 = asArray().getBytes(StandardCharsets.UTF_8);
      }
      return arrayUtf8;
    }

    /** {@code [frame,frame,…]}: the frames' JSON texts joined, not re-encoded. */
    public String asArray() {
      if (array == null) {
        int size = 2 + texts.size();
        for (String t : texts) {
          size += t.length();
        }
        StringBuilder sb = new StringBuilder(size).append('[');
        for (int i = 0; i < texts.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          sb.append(texts.get(i));
        }
        array = sb.append(']').toString();
      }
      return array;
    }
  }

  /**
   * A flush carries at most this many messages, and stops growing once it holds this many characters
   * (a backlog is then written in several batches; big ops never pile up into one huge array).
   */
  static final int MAX_BATCH = 256;
  static final int MAX_BATCH_CHARS = 64 * 1024;

  private static final class Entry {
    final MessageConsumer<Object> consumer;
    final Set<Subscriber> subscribers = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>();
    int pendingChars;
    boolean flushQueued;
    long lastFlushNanos = Long.MIN_VALUE / 2; // long before any window

    Entry(MessageConsumer<Object> consumer) {
      this.consumer = consumer;
    }
  }

  private final Vertx vertx;
  private final EventBus bus;
  private final long windowNanos;
  private final Map<String, Entry> entries = new HashMap<>();
  private long delivered;
  private long flushes;

  /** A hub that flushes as soon as the event loop gets to it (no pacing). */
  public BridgeHub(Vertx vertx) {
    this(vertx, 0);
  }

  /** @param flushWindowMs least time between two flushes of one address (0: no pacing) */
  public BridgeHub(Vertx vertx, long flushWindowMs) {
    if (flushWindowMs < 0) {
      throw new IllegalArgumentException("flush window < 0");
    }
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.windowNanos = flushWindowMs * 1_000_000L;
    io.verso.runtime.SharedJson.register(bus); // events arrive in it
  }

  /** Adds a subscriber; registers the address's consumer if it is the first. Completes when it is registered. */
  public Future<Void> subscribe(String address, Subscriber subscriber) {
    Entry entry = entries.get(address);
    if (entry == null) {
      MessageConsumer<Object> consumer = bus.consumer(address);
      Entry created = new Entry(consumer);
      consumer.handler(msg -> fanOut(address, created, msg.body()));
      entries.put(address, created);
      entry = created;
    }
    entry.subscribers.add(subscriber);
    return entry.consumer.completion();
  }

  /** Removes a subscriber; unregisters the consumer when it was the last. */
  public void unsubscribe(String address, Subscriber subscriber) {
    Entry entry = entries.get(address);
    if (entry != null && entry.subscribers.remove(subscriber) && entry.subscribers.isEmpty()) {
      entries.remove(address);
      entry.consumer.unregister().onFailure(t -> LOG.warn("Unregistering {} failed: {}", address, t.getMessage()));
    }
  }

  /**
   * A message for this node's sockets subscribed to {@code address} that does not travel on the
   * event bus (a socket-level extension such as a document's new title): it takes the same batches,
   * in order with the address's events. Nothing to do when no socket here is subscribed.
   */
  public void deliverHere(String address, Object body) {
    Entry entry = entries.get(address);
    if (entry != null) {
      fanOut(address, entry, body);
    }
  }

  private void fanOut(String address, Entry entry, Object body) {
    if (entry.subscribers.isEmpty()) {
      return;
    }
    String text = Frames.rec(address, body).encode();
    entry.pending.add(text);
    entry.pendingChars += text.length();
    if (entry.pending.size() >= MAX_BATCH || entry.pendingChars >= MAX_BATCH_CHARS) {
      flush(entry);
    } else if (!entry.flushQueued) {
      entry.flushQueued = true;
      Context ctx = Vertx.currentContext();
      long wait = entry.lastFlushNanos + windowNanos - System.nanoTime();
      if (ctx == null) {
        flush(entry);
      } else if (wait <= 0) {
        ctx.runOnContext(v -> flush(entry));
      } else {
        // on this context too (a timer fires on the context that set it)
        vertx.setTimer(Math.max(1, (wait + 999_999) / 1_000_000), t -> flush(entry));
      }
    }
  }

  private void flush(Entry entry) {
    entry.flushQueued = false;
    if (entry.pending.isEmpty()) {
      return;
    }
    entry.lastFlushNanos = System.nanoTime();
    Batch batch = new Batch(entry.pending);
    entry.pending = new ArrayList<>();
    entry.pendingChars = 0;
    flushes++;
    for (Subscriber s : entry.subscribers.toArray(new Subscriber[0])) {
      delivered += batch.texts().size();
      if (batch.texts().size() == 1) {
        s.deliverOne(batch);
      } else {
        s.deliverAll(batch);
      }
    }
  }

  /** The addresses this hub listens to now. */
  public java.util.Set<String> addresses() {
    return java.util.Set.copyOf(entries.keySet());
  }

  /** Event-bus consumers this hub holds now (= cluster registrations of this node for the bridge). */
  public int consumerCount() {
    return entries.size();
  }

  /** Socket registrations now, over all addresses. */
  public int subscriptionCount() {
    int n = 0;
    for (Entry e : entries.values()) {
      n += e.subscribers.size();
    }
    return n;
  }

  /** Messages written to sockets so far (one per message and socket). */
  public long delivered() {
    return delivered;
  }

  /** Flushes so far: how many batches the messages travelled in. */
  public long flushes() {
    return flushes;
  }
}
