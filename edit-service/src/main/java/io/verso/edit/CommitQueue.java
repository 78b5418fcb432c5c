package io.verso.edit;

import io.verso.protocol.doc.OpEvent;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequenced ops of one document on their way to storage: one append in flight at a time, and
 * everything that arrives meanwhile goes into the next one, bounded by count and bytes (storage
 * refuses appends over 4 MiB by default). Pure bookkeeping, no store: the sequencer sends the
 * batches and reports how they ended. Not thread-safe.
 */
final class CommitQueue {
  static final int MAX_BATCH = 500;
  /** Upper bound of one append's encoded ops. */
  static final long MAX_BATCH_BYTES = 2L * 1024 * 1024;

  /** An op waiting for (or in) its commit; it carries its event, built once for the append and the publish. */
  record Pending(OpWindow.Entry entry, OpEvent event, long bytes, Promise<SubmitReply> reply) {
    static Pending of(OpWindow.Entry entry, OpEvent event) {
      return new Pending(entry, event, encodedSizeBound(entry), Promise.promise());
    }

    boolean is(String clientId, long seq) {
      return entry.seq() == seq && entry.clientId().equals(clientId);
    }
  }

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private List<Pending> inFlight;

  void add(Pending p) {
    queue.addLast(p);
  }

  /** Something is queued or in flight. */
  boolean busy() {
    return inFlight != null || !queue.isEmpty();
  }

  /** The queued or in-flight op of {@code (clientId, seq)}, or null. */
  Pending find(String clientId, long seq) {
    for (Pending p : queue) {
      if (p.is(clientId, seq)) {
        return p;
      }
    }
    if (inFlight != null) {
      for (Pending p : inFlight) {
        if (p.is(clientId, seq)) {
          return p;
        }
      }
    }
    return null;
  }

  /** The next batch, now in flight; null while one is in flight or when nothing waits. */
  List<Pending> next() {
    if (inFlight != null || queue.isEmpty()) {
      return null;
    }
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    long bytes = 0;
    while (!queue.isEmpty() && batch.size() < MAX_BATCH
        && (batch.isEmpty() || bytes + queue.peekFirst().bytes() <= MAX_BATCH_BYTES)) {
      Pending p = queue.pollFirst();
      bytes += p.bytes();
      batch.add(p);
    }
    inFlight = batch;
    return batch;
  }

  /** The batch in flight ended (either way). */
  void landed() {
    inFlight = null;
  }

  /** Removes and returns every queued op (not the batch in flight: its callback owns it). */
  List<Pending> takeQueued() {
    List<Pending> all = new ArrayList<>(queue);
    queue.clear();
    return all;
  }

  /** A bound of the op's JSON size: its bytes (structure included) as if each were a 6-byte escape. */
  private static long encodedSizeBound(OpWindow.Entry entry) {
    return 2 + 6 * entry.bytes();
  }

  /** Fails every one of {@code all}; the ones already answered keep their answer. */
  static void failAll(List<Pending> all, RuntimeException error) {
    for (Pending p : all) {
      p.reply().tryFail(error);
    }
  }
}
