package io.verso.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** What the kernel says, read independently of the class under test (32768 where there is no procfs). */
  private static int kernelLow() throws IOException {
    if (!Files.isReadable(RANGE)) {
      return 32_768;
    }
    List<String> lines = Files.readAllLines(RANGE);
    return Integer.parseInt(lines.get(0).trim().split("\\s+")[0]);
  }

  @Test
  void theEphemeralRangeIsReadWhole() throws IOException {
    // Files.readString saw only "3" of "32768\t60999" on procfs: every pick fell back to port 0
    assertEquals(kernelLow(), FreePorts.ephemeralLow());
  }

  @Test
  void picksComeFromBelowTheEphemeralRangeAndAreBindable() throws IOException {
    int low = kernelLow();
    assertTrue(low - 20_000 > 1_000, "this test expects room below the ephemeral range, which starts at " + low);
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.pick();
      assertTrue(port >= 20_000 && port < low, port + " is outside [20000, " + low + ")");
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertEquals(port, s.getLocalPort());
      }
    }
  }
}
