package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.runtime.FreePorts;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connections that hold a place without using it: an HTTP connection silent for the idle timeout
 * ({@code http.idleTimeoutSeconds}, 1 s here) and a TCP bridge connection that does not authenticate
 * within {@code bridge.handshakeTimeoutMs} (1 s here) are closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleConnectionsTest {
  private FullStack stack;
  private int port;
  private int tcpPort;

  @BeforeAll
  void start() {
    tcpPort = FreePorts.pick();
    stack = new FullStack(new JsonObject()
        .put("bridge", new JsonObject().put("handshakeTimeoutMs", 1000))
        .put("http.idleTimeoutSeconds", 1)
        .put("tcpBridge.port", tcpPort).put("tcpBridge.token", "a-service-token-for-tests-0123456789")
        .put("tcpBridge.grants", "*=edit"));
    port = stack.port();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anHttpConnectionThatSendsNothingIsClosed() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", port)) {
      raw.setSoTimeout(8_000);
      InputStream in = raw.getInputStream();
      long start = System.nanoTime();
      int read;
      try {
        read = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a silent connection open for 8 s", e);
      } catch (java.net.SocketException e) {
        read = -1; // reset by the server: closed as well
      }
      assertThat(read).isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(8_000);
    }
  }

  @Test
  void aTcpBridgeConnectionThatNeverAuthenticatesIsClosed() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", tcpPort)) {
      raw.setSoTimeout(8_000);
      // half a frame header, then nothing
      raw.getOutputStream().write(new byte[] {0, 0});
      raw.getOutputStream().flush();
      int read;
      try {
        while ((read = raw.getInputStream().read()) >= 0) {
          // the err frame saying why, then the end
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the TCP bridge kept an unauthenticated connection open for 8 s", e);
      } catch (java.net.SocketException e) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
    }
  }
}
