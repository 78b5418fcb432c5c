package io.verso.web.bridge;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.TcpFrames;
import io.verso.protocol.Addresses;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP event-bus bridge for other services: frames are a 4-byte big-endian length followed by the
 * same JSON frames as the browser bridge, and go through the same {@link BridgeEngine} (same
 * addresses, same rules, same fan-out). Instead of a cookie, the first frame must carry a service
 * token in its {@code verso-service-token} header (compared in constant time with every configured
 * service's); the connection then acts as that service, with the roles its {@link ServiceGrants} give
 * on the documents they name and nothing elsewhere (403). Until then a frame may be at most
 * {@code tcpBridge.preAuthMaxBytes} long (an unauthenticated peer cannot make the node buffer a full
 * frame). A wrong or missing token, or a frame over the limit, gets an {@code err} frame and the
 * connection is closed; so does a connection that has not presented its token within
 * {@code bridge.handshakeTimeoutMs}. Listens on {@code tcpBridge.host} only, over TLS when configured.
 */
public final class TcpBridge {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridge.class);
  /** The principal of a TCP bridge connection whose grants cover everything (tests). */
  public static final Identity SERVICE = new Identity("service", "service", "Service", null, Long.MAX_VALUE);

  private final Vertx vertx;
  private final BridgeEngine engine;
  private final TcpBridgeConfig tcp;
  private final int maxFrameBytes;
  private final long handshakeTimeoutMs;

  public TcpBridge(Vertx vertx, BridgeEngine engine, TcpBridgeConfig tcp, BridgeConfig config) {
    if (tcp.services().isEmpty()) {
      throw new IllegalArgumentException("the TCP bridge needs at least one service");
    }
    this.vertx = vertx;
    this.engine = engine;
    this.tcp = tcp;
    this.maxFrameBytes = config.maxMessageBytes();
    this.handshakeTimeoutMs = config.handshakeTimeoutMs();
  }

  public Future<NetServer> listen() {
    NetServerOptions options = new NetServerOptions().setHost(tcp.host()).setPort(tcp.port());
    if (tcp.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tcp.certPath()).setKeyPath(tcp.keyPath()));
    }
    return vertx.createNetServer(options).connectHandler(this::connected).listen()
        .onSuccess(s -> LOG.info("TCP event-bus bridge listening on {}:{} ({}, {} service(s))", tcp.host(), s.actualPort(),
            tcp.tls() ? "TLS" : "plain TCP", tcp.services().size()));
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
    IntSupplier limit = () -> session[0] == null ? tcp.preAuthMaxBytes() : maxFrameBytes;
    socket.handler(TcpFrames.parser(limit, frame -> {
      if (session[0] == null) {
        TcpBridgeConfig.Service service = authenticated(frame);
        if (service == null) {
          refuse(transport, ErrorCode.UNAUTHENTICATED, "missing or wrong service token");
          return;
        }
        vertx.cancelTimer(handshake);
        session[0] = engine.openTrusted(transport,
            new Identity("service", service.name(), service.name(), null, Long.MAX_VALUE), service.grants());
      }
      engine.frame(session[0], frame);
    }, size -> refuse(transport, ErrorCode.TOO_LARGE, "frame length " + size + " outside 1.." + limit.getAsInt()
        + (session[0] == null ? " before the service token" : ""))));
    socket.closeHandler(v -> {
      vertx.cancelTimer(handshake);
      if (session[0] != null) {
        engine.closed(session[0]);
      }
    });
  }

  /** The service whose token the frame presents, or null. Every token is compared (no early exit). */
  private TcpBridgeConfig.Service authenticated(Buffer frame) {
    try {
      JsonObject headers = new JsonObject(frame).getJsonObject("headers");
      String presented = headers == null ? null : headers.getString(Addresses.HEADER_SERVICE_TOKEN);
      if (presented == null) {
        return null;
      }
      byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
      TcpBridgeConfig.Service found = null;
      for (TcpBridgeConfig.Service s : tcp.services()) {
        if (MessageDigest.isEqual(s.token(), bytes)) {
          found = s;
        }
      }
      return found;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static void refuse(BridgeSession.Transport transport, ErrorCode code, String message) {
    transport.write(Frames.err(null, code, message).encode());
    transport.close();
  }
}
