package io.verso.web.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-local fan-out: one event-bus consumer per address this node's sockets are registered on, no
 * matter how many sockets; each message is encoded once and written to every registered socket.
 * In clustered mode this means one cluster-wide registration per (node, address) instead of one per
 * socket. Used from the web verticle's context only (not thread-safe).
 */
public final class BridgeHub {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeHub.class);

  /** A socket that receives frames. */
  public interface Subscriber {
    void deliver(String frameText);
  }

  private static final class Entry {
    final MessageConsumer<Object> consumer;
    final Set<Subscriber> subscribers = new LinkedHashSet<>();

    Entry(MessageConsumer<Object> consumer) {
      this.consumer = consumer;
    }
  }

  private final EventBus bus;
  private final Map<String, Entry> entries = new HashMap<>();
  private long delivered;

  public BridgeHub(EventBus bus) {
    this.bus = bus;
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

  private void fanOut(String address, Entry entry, Object body) {
    if (entry.subscribers.isEmpty()) {
      return;
    }
    String text = Frames.rec(address, body).encode();
    for (Subscriber s : entry.subscribers.toArray(new Subscriber[0])) {
      delivered++;
      s.deliver(text);
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

  public long delivered() {
    return delivered;
  }
}
