package io.verso.bench.storm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link ProcCpu} sampled once a second on its own thread, read by time window afterwards. */
final class CpuSeries {
  private record Sample(long atNanos, Map<String, Double> cores) {}

  private final ProcCpu cpu;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  CpuSeries(ProcCpu cpu) {
    this.cpu = cpu;
    this.thread = new Thread(this::loop, "cpu-sampler");
    thread.setDaemon(true);
  }

  void start() {
    cpu.sample(); // the baseline
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      Map<String, Double> s = cpu.sample();
      synchronized (samples) {
        samples.add(new Sample(System.nanoTime(), s));
      }
    }
  }

  List<String> names() {
    synchronized (samples) {
      return samples.isEmpty() ? List.of() : List.copyOf(samples.get(0).cores().keySet());
    }
  }

  /** The mean of the samples taken in [from, to]. */
  double mean(String name, long from, long to) {
    double sum = 0;
    int n = 0;
    for (Sample s : in(from, to)) {
      sum += s.cores().get(name);
      n++;
    }
    return n == 0 ? 0 : sum / n;
  }

  /** The largest sample taken in [from, to]. */
  double peak(String name, long from, long to) {
    double max = 0;
    for (Sample s : in(from, to)) {
      max = Math.max(max, s.cores().get(name));
    }
    return max;
  }

  private List<Sample> in(long from, long to) {
    List<Sample> out = new ArrayList<>();
    synchronized (samples) {
      for (Sample s : samples) {
        if (s.atNanos() >= from && s.atNanos() <= to) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
