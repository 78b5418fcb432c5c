package io.verso.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
  private final Process process;
  private final CompletableFuture<String> url = new CompletableFuture<>();

  private VersoProcess(String name, int httpPort, Process process, Path log) throws IOException {
    this.name = name;
    this.httpPort = httpPort;
    this.process = process;
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          out.println(line);
          if (line.startsWith("Verso is running at ")) {
            url.complete(line.substring("Verso is running at ".length()).trim());
          }
        }
      } catch (IOException ignored) {
        // process gone
      } finally {
        out.close();
        url.completeExceptionally(new IllegalStateException(name + " exited before it was running; see " + log));
      }
    }, "verso-it-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  public static VersoProcess start(String name, int httpPort, List<String> args) throws IOException {
    return start(name, httpPort, args, Path.of("target", "it-logs"));
  }

  public static VersoProcess start(String name, int httpPort, List<String> args, Path logs) throws IOException {
    String jar = System.getProperty("verso.jar", "app/target/verso.jar");
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--http-port", String.valueOf(httpPort)));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new VersoProcess(name, httpPort, p, logs.resolve(name + ".log"));
  }

  /** The URL the node printed once every service was up. */
  public String awaitRunning(long seconds) throws Exception {
    return url.get(seconds, TimeUnit.SECONDS);
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
