package io.verso.presence;

import java.util.Map;
import java.util.TreeMap;

/** A hand-driven clock for unit tests: timers fire only when the test advances time. */
final class ManualTimers implements Timers {
  private record Task(long at, long id, Runnable run) {}

  private final TreeMap<Long, Task> tasks = new TreeMap<>(); // by id, ids grow with creation
  private long now;
  private long nextId;

  @Override
  public long now() {
    return now;
  }

  @Override
  public long schedule(long delayMs, Runnable task) {
    long id = nextId++;
    tasks.put(id, new Task(now + Math.max(1, delayMs), id, task));
    return id;
  }

  @Override
  public void cancel(long id) {
    tasks.remove(id);
  }

  int scheduled() {
    return tasks.size();
  }

  /** Moves the clock forward, firing due timers in time order. */
  void advance(long ms) {
    long target = now + ms;
    while (true) {
      Task next = null;
      for (Map.Entry<Long, Task> e : tasks.entrySet()) {
        if (e.getValue().at() <= target && (next == null || e.getValue().at() < next.at())) {
          next = e.getValue();
        }
      }
      if (next == null) {
        break;
      }
      tasks.remove(next.id());
      now = Math.max(now, next.at());
      next.run().run();
    }
    now = target;
  }
}
