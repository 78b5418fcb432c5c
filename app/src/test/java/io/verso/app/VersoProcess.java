package io.verso.app;

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
 * A Verso node in its own JVM, started from the shaded jar exactly as the README says; its output
 * goes to {@code target/it-logs/<name>.log}. {@link #terminate()} sends SIGTERM (graceful),
 * {@link #kill()} SIGKILL.
 */
final class VersoProcess implements AutoCloseable {
  final String name;
  final int httpPort;
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

  static VersoProcess start(String name, int httpPort, List<String> args) throws IOException {
    String jar = System.getProperty("verso.jar", "target/verso.jar");
    Path logs = Path.of("target", "it-logs");
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--http-port", String.valueOf(httpPort)));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new VersoProcess(name, httpPort, p, logs.resolve(name + ".log"));
  }

  /** The URL the node printed once every service was up. */
  String awaitRunning(long seconds) throws Exception {
    return url.get(seconds, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the exit; returns the exit code. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + " did not stop within " + seconds + " s of SIGTERM");
    }
    return process.exitValue();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
