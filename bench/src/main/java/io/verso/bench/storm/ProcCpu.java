package io.verso.bench.storm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * CPU of named process groups from {@code /proc}: each group is its root processes and all their
 * descendants (utime + stime of the live ones, plus cutime + cstime: children that exited and were
 * waited for, e.g. PostgreSQL backends). {@link #sample()} returns each group's share of one core
 * since the previous sample (1.0 = one core busy); a group of one process leaves its children out. Linux only; the machine is shared, so groups are
 * found by process id, never by name.
 */
final class ProcCpu {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ: 100 on every Linux build in use). */
  static final double TICKS_PER_SECOND = 100;

  private record Group(LongPredicate isRoot, boolean descendants) {}

  private final Map<String, Group> roots = new LinkedHashMap<>();
  private final Map<String, Long> lastTicks = new HashMap<>();
  private long lastNanos;

  /** A group: the processes {@code isRoot} accepts by pid, and their descendants. */
  ProcCpu group(String name, LongPredicate isRoot) {
    roots.put(name, new Group(isRoot, true));
    return this;
  }

  /** A group of one process without its children (this JVM, whose children are the servers). */
  ProcCpu process(String name, long pid) {
    roots.put(name, new Group(p -> p == pid, false));
    return this;
  }

  /** Each group's CPU since the previous call (the first call returns zeros), in cores. */
  Map<String, Double> sample() {
    long now = System.nanoTime();
    Map<Long, long[]> stats = readAll(); // pid → {ppid, ticks}
    Map<String, Double> out = new LinkedHashMap<>();
    double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
    for (Map.Entry<String, Group> g : roots.entrySet()) {
      long ticks = ticksOfTree(stats, g.getValue().isRoot(), g.getValue().descendants());
      Long before = lastTicks.put(g.getKey(), ticks);
      // a group whose root died (a killed node) reads 0 from then on, never negative
      out.put(g.getKey(), before == null || seconds == 0 ? 0.0 : Math.max(0, ticks - before) / TICKS_PER_SECOND / seconds);
    }
    lastNanos = now;
    return out;
  }

  static long ticksOfTree(Map<Long, long[]> stats, LongPredicate isRoot, boolean descendants) {
    Map<Long, List<Long>> children = new HashMap<>();
    stats.forEach((pid, s) -> children.computeIfAbsent(s[0], k -> new ArrayList<>()).add(pid));
    long sum = 0;
    List<Long> todo = new ArrayList<>(stats.keySet().stream().filter(isRoot::test).toList());
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      long pid = todo.remove(todo.size() - 1);
      if (seen.add(pid)) {
        // cutime/cstime only in a tree: a lone process's would hold the children it reaped (a killed node)
        sum += stats.get(pid)[1] + (descendants ? stats.get(pid)[2] : 0);
        if (descendants) {
          todo.addAll(children.getOrDefault(pid, List.of()));
        }
      }
    }
    return sum;
  }

  private static Map<Long, long[]> readAll() {
    Map<Long, long[]> all = new HashMap<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
        long[] s = stat(Long.parseLong(n));
        if (s != null) {
          all.put(Long.parseLong(n), s);
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc", e);
    }
    return all;
  }

  /** {ppid, utime + stime, cutime + cstime} of a process, or null when it is gone. */
  static long[] stat(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The fields after the command name (which may hold spaces and parentheses) of a stat line. */
  static long[] parse(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] state, f[1] ppid, f[11..14] utime stime cutime cstime
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[13]) + Long.parseLong(f[14])};
  }

  /** The command line of a process (arguments separated by spaces), or "" when it is gone. */
  static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
