package io.verso.web.bridge;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.client.BridgeClient;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.doc.DocAction;
import io.verso.web.e2e.FullStack;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP bridge for services against the real stack: each service reaches only the documents its
 * grants name, read-only or editing (403 elsewhere, on send and on register); before its token is
 * accepted a connection may send only a small frame; over TLS when configured.
 */
class TcpBridgeTest extends WithBridgeStack {
  private static final String READER_TOKEN = "reader-token-0123456789-0123456789-abcdef";
  private static final String WRITER_TOKEN = "writer-token-0123456789-0123456789-abcdef";
  private final List<NetServer> servers = new ArrayList<>();

  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject());
  }

  @AfterEach
  void closeBridges() {
    servers.forEach(s -> await(s.close()));
    servers.clear();
  }

  /** A TCP bridge on the stack's engine with these services, on a free port; returns its port. */
  private int bridge(JsonArray services, JsonObject more) {
    JsonObject tcp = new JsonObject().put("port", 1).put("services", services).mergeIn(more);
    TcpBridgeConfig config = TcpBridgeConfig.from(new JsonObject().put("tcpBridge", tcp));
    TcpBridgeConfig anyPort = new TcpBridgeConfig(config.host(), 0, config.services(), config.certPath(),
        config.keyPath(), config.preAuthMaxBytes());
    NetServer server = await(stack.onWebContext(
        () -> new TcpBridge(stack.vertx, stack.web.bridge(), anyPort, BridgeConfig.defaults()).listen()));
    servers.add(server);
    return server.actualPort();
  }

  private static JsonObject service(String name, String token, String grants) {
    return new JsonObject().put("name", name).put("token", token).put("grants", grants);
  }

  private String newDoc() {
    return new JsonObject(alice.post("/api/docs", "{\"title\":\"t\"}").body()).getString("id");
  }

  private static ErrorCode failureOf(Future<?> f) {
    try {
      await(f);
    } catch (VersoException e) {
      return e.code();
    }
    throw new AssertionError("expected a failure");
  }

  private static ErrorCode registration(BridgeClient c, String address) {
    CompletableFuture<ErrorCode> refused = new CompletableFuture<>();
    c.register(address, event -> {}, e -> refused.complete(e.code()));
    // no answer means registered: a ping afterwards comes back in order
    try {
      return refused.get(2, TimeUnit.SECONDS);
    } catch (Exception timeout) {
      return null;
    }
  }

  @Test
  void aServiceReachesOnlyTheDocumentsItsGrantsNameWithTheirAccess() {
    String shared = newDoc();
    String team = newDoc();
    String other = newDoc();
    int port = bridge(new JsonArray()
        .add(service("reader", READER_TOKEN, shared + "=read"))
        .add(service("writer", WRITER_TOKEN, team + "=edit, " + shared + "=read")), new JsonObject());
    BridgeClient reader = await(BridgeClient.tcp(stack.vertx, "127.0.0.1", port, READER_TOKEN));
    BridgeClient writer = await(BridgeClient.tcp(stack.vertx, "127.0.0.1", port, WRITER_TOKEN));
    JsonObject open = new JsonObject().put("action", DocAction.OPEN);
    JsonObject authorship = new JsonObject().put("action", DocAction.AUTHORSHIP);
    try {
      // read-only: reads and listens to its document, may not edit it, sees nothing else
      assertThat(await(reader.request(Addresses.doc(shared), open))).isNotNull();
      assertThat(registration(reader, Addresses.docEvents(shared))).isNull();
      assertThat(failureOf(reader.request(Addresses.doc(shared), authorship))).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(failureOf(reader.request(Addresses.doc(team), open))).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(registration(reader, Addresses.docEvents(other))).isEqualTo(ErrorCode.FORBIDDEN);
      // edit on its own document, read on the shared one, nothing on the third
      assertThat(await(writer.request(Addresses.doc(team), authorship))).isNotNull();
      assertThat(failureOf(writer.request(Addresses.doc(shared), authorship))).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(failureOf(writer.request(Addresses.doc(other), open))).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(registration(writer, Addresses.docEvents(other))).isEqualTo(ErrorCode.FORBIDDEN);
    } finally {
      reader.close();
      writer.close();
    }
  }

  @Test
  void aPrefixGrantCoversTheIdsThatStartWithIt() {
    String doc = newDoc();
    int port = bridge(new JsonArray().add(service("prefixed", WRITER_TOKEN, doc.substring(0, 4) + "*=edit")), new JsonObject());
    BridgeClient c = await(BridgeClient.tcp(stack.vertx, "127.0.0.1", port, WRITER_TOKEN));
    try {
      assertThat(await(c.request(Addresses.doc(doc), new JsonObject().put("action", DocAction.AUTHORSHIP)))).isNotNull();
    } finally {
      c.close();
    }
  }

  @Test
  void aBigFrameBeforeTheTokenClosesTheConnection() throws Exception {
    int port = bridge(new JsonArray().add(service("s", WRITER_TOKEN, "*=edit")), new JsonObject());
    try (Socket raw = new Socket("127.0.0.1", port)) {
      raw.setSoTimeout(5_000);
      // announces 64 KiB (well under the 1 MiB frame limit of authenticated connections) and sends 8 KiB of it
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(64 * 1024);
      out.write(new byte[8 * 1024]);
      raw.getOutputStream().write(bytes.toByteArray());
      raw.getOutputStream().flush();
      InputStream in = raw.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        int b;
        while ((b = in.read()) >= 0) {
          answer.write(b);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("an unauthenticated 64 KiB frame was waited for", e);
      } catch (java.net.SocketException e) {
        // reset by the server: closed as well
      }
      assertThat(answer.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("before the service token");
    }
  }

  @Test
  void overTlsAServiceConnectsWithTheServersCertificate() {
    String doc = newDoc();
    Path dir = Path.of("src/test/resources/tcp-bridge-tls").toAbsolutePath();
    int port = bridge(new JsonArray().add(service("s", WRITER_TOKEN, doc + "=read")), new JsonObject().put("tls",
        new JsonObject().put("certPath", dir.resolve("cert.pem").toString()).put("keyPath", dir.resolve("key.pem").toString())));
    NetClientOptions tls = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
        .setTrustOptions(new PemTrustOptions().addCertPath(dir.resolve("cert.pem").toString()));
    BridgeClient c = await(BridgeClient.tcp(stack.vertx, tls, "localhost", port, WRITER_TOKEN));
    try {
      assertThat(await(c.request(Addresses.doc(doc), new JsonObject().put("action", DocAction.OPEN)))).isNotNull();
    } finally {
      c.close();
    }
    // a plain-TCP client gets nothing from a TLS bridge
    BridgeClient plain = await(BridgeClient.tcp(stack.vertx, "127.0.0.1", port, WRITER_TOKEN).map(x -> x.requestTimeout(2_000)));
    try {
      assertThatThrownBy(() -> await(plain.request(Addresses.doc(doc), new JsonObject().put("action", DocAction.OPEN))))
          .isInstanceOf(VersoException.class);
    } finally {
      plain.close();
    }
  }
}
