package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.TcpFrames;
import io.verso.protocol.Role;
import io.verso.protocol.Addresses;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge for other services: frames are a 4-byte big-endian length followed by the
 * same JSON frames as the browser bridge, and go through the same {@link BridgeEngine} (same
 * addresses, same rules, same fan-out). Instead of a cookie, the first frame must carry the service
 * token in its {@code verso-service-token} header (compared in constant time); the connection then
 * acts as the service principal {@code service}, with the editor role on every document. A wrong or missing
 * token, or a frame over the size limit, gets an {@code err} frame and the connection is closed; so does
 * a connection that has not presented its token within {@code bridge.handshakeTimeoutMs}.
 */
public final class TcpBridge {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);
  /** The principal of every TCP bridge connection. */
  public static final Identity SERVICE = new Identity("service", "service", "Service", null, Long.MAX_VALUE);

  private final Vertx vertx;
  private final BridgeEngine engine;
  private final byte[] token;
  private final int maxFrameBytes;
  private final long handshakeTimeoutMs;

  public TcpBridge(Vertx vertx, BridgeEngine engine, String token, BridgeConfig config) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("the TCP bridge needs a service token of at least 16 characters");
    }
    this.vertx = vertx;
    this.engine = engine;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.maxFrameBytes = config.maxMessageBytes();
    this.handshakeTimeoutMs = config.handshakeTimeoutMs();
  }

  public Future<NetServer> listen(String host, int port) {
    return vertx.createNetServer().connectHandler(this::connected).listen(port, host)
        .onSuccess(s -> LOG.info("TCP event-bus bridge listening on port {}", s.actualPort()));
  }

  private void connected(NetSocket socket) {
    BridgeSession.Transport transport = new BridgeSession.Transport() {
      @Override
      public boolean write(String text) {
        if (socket.writeQueueFull()) {
          return false;
        }
        socket.write(TcpFrames.encode(Buffer.buffer(text)));
        return true;
      }

      @Override
      public boolean writeAll(BridgeHub.Batch batch) {
        // length-prefixed frames concatenate: one write, one system call, same frames on the wire
        if (socket.writeQueueFull()) {
          return false;
        }
        Buffer all = Buffer.buffer();
        for (String text : batch.texts()) {
          all.appendBuffer(TcpFrames.encode(Buffer.buffer(text)));
        }
        socket.write(all);
        return true;
      }

      @Override
      public void close() {
        socket.close();
      }
    };
    BridgeSession[] session = {null};
    long handshake = vertx.setTimer(handshakeTimeoutMs, id -> {
      if (session[0] == null) {
        refuse(transport, ErrorCode.UNAUTHENTICATED, "no service token within " + handshakeTimeoutMs + " ms");
      }
    });
    socket.handler(TcpFrames.parser(maxFrameBytes, frame -> {
      if (session[0] == null) {
        if (!authenticated(frame)) {
          refuse(transport, ErrorCode.UNAUTHENTICATED, "missing or wrong service token");
          return;
        }
        vertx.cancelTimer(handshake);
        session[0] = engine.openTrusted(transport, SERVICE, Role.EDITOR);
      }
      engine.frame(session[0], frame);
    }, size -> refuse(transport, ErrorCode.TOO_LARGE, "frame length " + size + " outside 1.." + maxFrameBytes)));
    socket.closeHandler(v -> {
      vertx.cancelTimer(handshake);
      if (session[0] != null) {
        engine.closed(session[0]);
      }
    });
  }

  private boolean authenticated(Buffer frame) {
    try {
      JsonObject headers = new JsonObject(frame).getJsonObject("headers");
      String presented = headers == null ? null : headers.getString(Addresses.HEADER_SERVICE_TOKEN);
      return presented != null
          && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      return false;
    }
  }

  private static void refuse(BridgeSession.Transport transport, ErrorCode code, String message) {
    transport.write(Frames.err(null, code, message).encode());
    transport.close();
  }
}
