package io.verso.presence;

import io.verso.runtime.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server run from the binary shipped in the {@code com.github.codemonstur:embedded-redis}
 * artifact, for the embedded default run and for tests: bound to 127.0.0.1 on a free port, persistence
 * off. Every method blocks (run it with {@code executeBlocking} from an event loop).
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final String HOST = "127.0.0.1";

  private final int port;
  private RedisServer server;

  private EmbeddedRedis(int port) {
    this.port = port;
  }

  /** Starts a server on a free port. */
  public static EmbeddedRedis start() {
    return start(FreePorts.pick());
  }

  /** Starts a server on {@code port}. */
  public static EmbeddedRedis start(int port) {
    EmbeddedRedis redis = new EmbeddedRedis(port);
    redis.startServer();
    return redis;
  }

  /** Starts the server again on the same port after {@link #stop()} (for fault tests). */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  private synchronized void startServer() {
    try {
      RedisServer s = RedisServer.newRedisServer()
          .port(port)
          .bind(HOST)
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("protected-mode yes")
          .build();
      s.start();
      server = s;
      LOG.info("Embedded Redis listening on {}", uri());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis on port " + port, e);
    }
  }

  /** Stops the server (its data is lost). */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  public synchronized boolean isRunning() {
    return server != null && server.isActive();
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  @Override
  public void close() {
    stop();
  }

}
