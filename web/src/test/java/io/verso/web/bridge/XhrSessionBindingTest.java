package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.auth.RequestIdentity;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SockJS's xhr transports name their session in the URL (chosen by the client, visible in proxy logs):
 * a request on an existing session must come from that socket's own login session (the access
 * cookie's {@code sid}), or it is refused before its body is read and gets nothing of the socket.
 * Spoken here as the SockJS client does it: {@code POST /eventbus/<server>/<session>/xhr} to receive,
 * {@code .../xhr_send} with a JSON array of frames to send.
 */
class XhrSessionBindingTest extends WithBridgeStack {
  /** HTTP/1.1, as browsers speak to a server without TLS (one connection per request in flight). */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final int MAX_FRAME = 64 * 1024;

  private String docId;

  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject().put("bridge", new JsonObject().put("maxMessageBytes", MAX_FRAME)
        .put("heartbeatMs", 300)));
  }

  @BeforeAll
  void newDoc() {
    docId = docSharedWithBob(alice);
  }

  private HttpResponse<String> post(String session, String transport, String body, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eventbus/000/" + session + "/" + transport))
        .timeout(Duration.ofSeconds(20)).header("Origin", alice.origin())
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "text/plain;charset=UTF-8");
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(transport + " failed", e);
    }
  }

  /** An xhr_send body: the frames as JSON strings in a JSON array. */
  private static String frames(JsonObject... frames) {
    JsonArray a = new JsonArray();
    for (JsonObject f : frames) {
      a.add(f.encode());
    }
    return a.encode();
  }

  private static JsonObject request(String address, String replyAddress, JsonObject body) {
    return new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress).put("body", body);
  }

  /** The receiving side of a session, as its owner: one xhr_streaming request, its frames collected as they come. */
  private final class Receiver implements AutoCloseable {
    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    final StringBuffer text = new StringBuffer();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    Receiver(String session, String cookie) throws Exception {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eventbus/000/" + session + "/xhr_streaming"))
          .header("Origin", alice.origin()).header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build();
      response = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      Thread reader = new Thread(() -> {
        try {
          response.join().body().forEach(line -> {
            text.append(line).append('\n');
            if (line.startsWith("a[")) {
              new JsonArray(line.substring(1)).forEach(f -> frames.add(new JsonObject((String) f)));
            }
          });
        } catch (RuntimeException e) {
          // closed
        }
      });
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!text.toString().contains("o\n") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(text.toString()).as("the open frame").contains("o\n");
    }

    JsonObject next(Predicate<JsonObject> which) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f != null && which.test(f)) {
          return f;
        }
      }
      throw new AssertionError("no such frame within 15 s; received " + text);
    }

    @Override
    public void close() {
      response.thenAccept(r -> r.body().close());
    }
  }

  private static String newSession() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void anotherClientCannotSendOnOrReadFromSomeoneElsesSession() throws Exception {
    String session = newSession();
    String events = Addresses.docEvents(docId);
    try (Receiver mine = new Receiver(session, accessCookie(alice))) {
      assertThat(post(session, "xhr_send", frames(new JsonObject().put("type", "register").put("address", events),
          request(Addresses.doc(docId), "alice-1", new JsonObject().put("action", "open"))), accessCookie(alice)).statusCode())
          .isEqualTo(204);
      long rev = mine.next(f -> "alice-1".equals(f.getString("address"))).getJsonObject("body").getLong("rev");

      for (String stranger : new String[] {null, accessCookie(bob), RequestIdentity.ACCESS_COOKIE + "=not.a.token"}) {
        HttpResponse<String> sent = post(session, "xhr_send",
            frames(request(Addresses.doc(docId), "stolen-1", new JsonObject().put("action", "open"))), stranger);
        assertThat(sent.statusCode()).as("xhr_send with %s", stranger).isIn(401, 403);
        HttpResponse<String> polled = post(session, "xhr", null, stranger);
        assertThat(polled.statusCode()).as("poll with %s: %s", stranger, polled.body()).isIn(401, 403);
        assertThat(polled.body()).doesNotContain("a[");
        HttpResponse<String> streamed = post(session, "xhr_streaming", null, stranger);
        assertThat(streamed.statusCode()).as("streaming with %s: %s", stranger, streamed.body()).isIn(401, 403);
        assertThat(streamed.body()).doesNotContain("a[");
      }

      // Bob edits the document: the event reaches Alice's session, still hers.
      try (BridgeSocket bobSocket = socket(bob)) {
        JsonObject submit = bobSocket.request(Addresses.doc(docId), new JsonObject().put("action", "submit")
            .put("clientId", "bob-client-000000001").put("seq", 1).put("baseRev", rev)
            .put("ops", new JsonArray().add(new JsonObject().put("insert", "secret words"))));
        assertThat(submit.getString("type")).as(submit.encode()).isEqualTo("rec");
      }
      mine.next(f -> events.equals(f.getString("address")) && f.encode().contains("secret words"));

      // After a refresh (a new access token of the same login session) Alice still owns her socket, and
      // nothing ever answered the strangers' requests.
      assertThat(alice.post("/api/auth/refresh", null).statusCode()).isEqualTo(204);
      assertThat(post(session, "xhr_send", frames(request(Addresses.doc(docId), "alice-2",
          new JsonObject().put("action", "open"))), accessCookie(alice)).statusCode()).isEqualTo(204);
      mine.next(f -> "alice-2".equals(f.getString("address")));
      assertThat(mine.text.toString()).doesNotContain("stolen-1");
    }
  }

  @Test
  void aSendBodyOverTheFrameLimitIsRefusedBeforeItIsRead() throws Exception {
    String session = newSession();
    try (Receiver mine = new Receiver(session, accessCookie(alice))) {
      String big = frames(request(Addresses.doc(docId), "big", new JsonObject().put("pad", "x".repeat(MAX_FRAME + MAX_FRAME / 2))));
      assertThat(big.length()).isLessThan(2 * MAX_FRAME);
      assertThat(post(session, "xhr_send", big, accessCookie(alice)).statusCode()).isEqualTo(413);
    }
  }

  /** The answer to a POST to a session that does not exist comes before its body: nothing is buffered. */
  @Test
  void aSendToNoSessionIsAnsweredWithoutWaitingForItsBody() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", port)) {
      raw.setSoTimeout(5_000);
      String head = "POST /eventbus/000/nosuchsession1/xhr_send HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\n"
          + "Origin: " + alice.origin() + "\r\n"
          + "Content-Type: text/plain\r\n"
          + "Content-Length: " + (3 * MAX_FRAME / 2) + "\r\n\r\n";
      raw.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      raw.getOutputStream().write("[\"".getBytes(StandardCharsets.US_ASCII)); // and the rest never comes
      raw.getOutputStream().flush();
      InputStream in = raw.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[256];
      try {
        int n = in.read(buf);
        if (n > 0) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer within 5 s: the server waited for the body", e);
      }
      assertThat(got.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 404");
    }
  }
}
