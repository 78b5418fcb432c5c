package io.verso.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kinds of content left out, each with its count (at most 100 kinds). */
final class Report {
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  void add(String what) {
    if (counts.size() < 100 || counts.containsKey(what)) {
      counts.merge(what, 1, Integer::sum);
    }
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    counts.forEach((what, n) -> lines.add(n == 1 ? what : what + " (" + n + ")"));
    return lines;
  }
}
