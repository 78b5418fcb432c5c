package io.verso.bench.cluster;

import io.verso.runtime.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Verso node in its own JVM, started from the shaded jar ({@code -Dverso.jar}, default
 * {@code app/target/verso.jar}) exactly as the README says; its output goes to
 * {@code <logs>/<name>.log}. {@link #terminate} sends SIGTERM (graceful), {@link #kill()} SIGKILL.
 * Used by the app's cluster tests and the fault-injection suite.
 */
public final class VersoProcess implements AutoCloseable {
  public final String name;
  public final int httpPort;
  /** The port of the node's ops server ({@code /health/*}, {@code /metrics}) on 127.0.0.1. */
  public final int opsPort;
  private final Process process;
  private static final String RUNNING = "Verso is running at ";

  private final Path log;

  private VersoProcess(String name, int httpPort, int opsPort, Process process, Path log) {
    this.name = name;
    this.httpPort = httpPort;
    this.opsPort = opsPort;
    this.process = process;
    this.log = log;
  }

  public static VersoProcess start(String name, int httpPort, List<String> args) throws IOException {
    return start(name, httpPort, args, Path.of("target", "it-logs"));
  }

  /** JVM options for nodes under test: small heap, quick start-up (C1 only). */
  public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

  public static VersoProcess start(String name, int httpPort, List<String> args, Path logs) throws IOException {
    return start(name, httpPort, TEST_JVM, args, logs);
  }

  /** A node started with {@code jvmOptions} (e.g. a benchmark's heap and full JIT) and Verso's {@code args}. */
  public static VersoProcess start(String name, int httpPort, List<String> jvmOptions, List<String> args, Path logs)
      throws IOException {
    String jar = System.getProperty("verso.jar", "app/target/verso.jar");
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar, "--http-port", String.valueOf(httpPort)));
    cmd.addAll(args);
    // several nodes on one machine: each its own ops port (the default 9090 would be taken by the first)
    int ops = args.indexOf("--ops-port") >= 0 ? Integer.parseInt(args.get(args.indexOf("--ops-port") + 1)) : FreePorts.pick();
    if (args.indexOf("--ops-port") < 0) {
      cmd.addAll(List.of("--ops-port", String.valueOf(ops)));
    }
    Path log = logs.resolve(name + ".log");
    Files.deleteIfExists(log);
    // straight into the file (not through a pipe this JVM reads): nothing the node prints while it
    // shuts down is lost when it exits
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new VersoProcess(name, httpPort, ops, p, log);
  }

  /** The URL the node printed once every service was up. */
  public String awaitRunning(long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String out = output();
      int at = out.indexOf(RUNNING);
      if (at >= 0) {
        int end = out.indexOf('\n', at);
        return out.substring(at + RUNNING.length(), end < 0 ? out.length() : end).trim();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before it was running; see " + log
            + ", which ends:\n" + tail(output(), 40));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not running within " + seconds + " s; see " + log + ", which ends:\n"
        + tail(output(), 40));
  }

  /** The last {@code lines} lines of {@code text}: a failed start-up's cause in a test report. */
  static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Everything the node printed so far. */
  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The JVM's process id (its CPU in {@code /proc}). */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  public int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + " did not stop within " + seconds + " s of SIGTERM");
    }
    return process.exitValue();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
