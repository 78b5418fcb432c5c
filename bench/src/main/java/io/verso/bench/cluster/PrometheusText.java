package io.verso.bench.cluster;

/** Reading a node's {@code /metrics} answer (Prometheus text format). */
public final class PrometheusText {
  private PrometheusText() {}

  /**
   * The sum of a metric's samples; {@code name} may end with its first label, e.g.
   * {@code jvm_memory_used_bytes{area="heap"} (labels are sorted, so this selects by that label).
   */
  public static double sum(String text, String name) {
    double sum = 0;
    for (String line : text.split("\n")) {
      boolean match = name.contains("{") ? line.startsWith(name)
          : line.startsWith(name + " ") || line.startsWith(name + "{");
      if (match) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
