package io.verso.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** What a benchmark's {@code main} does first: read its {@code --name=value} options, quiet the libraries. */
public final class BenchMain {
  private BenchMain() {}

  /** {@code --name=value} arguments by name, in the order given. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, got " + a);
      }
      m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return m;
  }

  /** INFO for the benchmark, WARN for the libraries (the bench jar has no logging config of its own). */
  public static void quietLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
      ctx.getLogger("io.verso.bench").setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }
}
