package io.verso.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picking a port for a server started later (embedded PostgreSQL and Redis, test clusters, nodes
 * in separate JVMs). Ports come from below the kernel's ephemeral range when there is room: a port
 * picked from inside it (what binding port 0 gives) can be taken by any outgoing connection before
 * the server binds it, which happened in the three-process cluster test.
 */
public final class FreePorts {
  private static final int LOWEST = 20_000;

  private FreePorts() {}

  /** A TCP port free on 127.0.0.1 right now, outside the ephemeral range when possible. */
  public static int pick() {
    int below = ephemeralLow();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int attempt = 0; below - LOWEST > 1_000 && attempt < 200; attempt++) {
      int port = LOWEST + rnd.nextInt(below - LOWEST);
      if (bindable(port)) {
        return port;
      }
    }
    return bind(0);
  }

  private static boolean bindable(int port) {
    try {
      bind(port);
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static int bind(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The first port of the kernel's ephemeral range (Linux), or 32768 when it cannot be read. Read
   * line by line: {@code Files.readString} trusts the size procfs reports and returned only "3" of
   * "32768\t60999", which sent every pick into the ephemeral range.
   */
  static int ephemeralLow() {
    try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      String range = in.readLine();
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
