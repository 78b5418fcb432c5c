package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.edit.EditVerticle;
import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image routes over real HTTP on the real stack (storage on embedded PostgreSQL, auth, edit, web):
 * who may upload and read, the type sniffed from the bytes, the size limit counted while the body
 * arrives, the per-document and per-user limits, the answer's headers, and that an op may carry only
 * its own document's image URLs.
 */
class ImagesApiTest {
  /** The limit of this class's web tier: small, so that bodies over it stay small too. */
  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_PER_DOC = 4;
  static final byte[] PNG = image(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 300);
  static final byte[] JPEG = image(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}, 200);
  static final byte[] GIF = image("GIF89a".getBytes(StandardCharsets.US_ASCII), 100);
  static final byte[] WEBP = image("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 100);

  private static ApiStack stack;
  private static int port;
  private static CookieClient owner;
  private static CookieClient editor;
  private static CookieClient commenter;
  private static CookieClient viewer;
  private static CookieClient stranger;
  private static CookieClient anonymous;
  private static String ownerId;
  private static final AtomicLong SEQ = new AtomicLong();

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    await(stack.vertx.deployVerticle(new EditVerticle()));
    port = stack.web(true, new JsonObject().put("images", new JsonObject().put("maxBytes", MAX_BYTES)
        .put("maxPerDocument", MAX_PER_DOC).put("maxBytesPerDocument", 3L * MAX_BYTES + MAX_BYTES / 2).put("uploadsPerMinute", 600))).port();
    owner = new CookieClient(port);
    editor = new CookieClient(port);
    commenter = new CookieClient(port);
    viewer = new CookieClient(port);
    stranger = new CookieClient(port);
    anonymous = new CookieClient(port);
    ownerId = new JsonObject(register(owner, "img.owner").body()).getJsonObject("user").getString("id");
    register(editor, "img.editor");
    register(commenter, "img.commenter");
    register(viewer, "img.viewer");
    register(stranger, "img.stranger");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  static byte[] image(byte[] magic, int length) {
    byte[] b = Arrays.copyOf(magic, length);
    for (int i = magic.length; i < length; i++) {
      b[i] = (byte) (i * 31);
    }
    return b;
  }

  static String sharedDoc(String title) {
    String id = new JsonObject(owner.post("/api/docs", new JsonObject().put("title", title).encode()).body()).getString("id");
    for (String[] m : new String[][] {{"img.editor", "editor"}, {"img.commenter", "commenter"}, {"img.viewer", "viewer"}}) {
      assertThat(owner.put("/api/docs/" + id + "/members/" + m[0], "{\"role\":\"" + m[1] + "\"}").statusCode()).isEqualTo(200);
    }
    return id;
  }

  static HttpResponse<byte[]> upload(CookieClient c, String docId, String type, byte[] bytes) {
    return c.sendBytes("POST", "/api/docs/" + docId + "/images", bytes, Map.of("Origin", c.origin(), "Content-Type", type));
  }

  static HttpResponse<byte[]> fetch(CookieClient c, String url, Map<String, String> headers) {
    return c.sendBytes("GET", url, null, headers);
  }

  static JsonObject json(HttpResponse<byte[]> r, int status) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.statusCode()).as(body).isEqualTo(status);
    return body.isEmpty() ? new JsonObject() : new JsonObject(body);
  }

  static void refused(HttpResponse<byte[]> r, int status, String code) {
    JsonObject body = json(r, status);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(body.getJsonObject("error").getString("code")).isEqualTo(code);
  }

  static String uploaded(CookieClient c, String docId, String type, byte[] bytes) {
    HttpResponse<byte[]> r = upload(c, docId, type, bytes);
    JsonObject body = json(r, 201);
    String url = body.getString("url");
    assertThat(url).matches("/api/docs/" + docId + "/images/[A-Za-z0-9_-]{22}");
    assertThat(r.headers().firstValue("Location")).hasValue(url);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    return url;
  }

  @Test
  void anEditorsImageIsServedToEveryMemberAsStoredWithHeadersThatRunNothing() {
    String doc = sharedDoc("Served");
    String url = uploaded(editor, doc, "image/png", PNG);
    for (CookieClient member : new CookieClient[] {owner, editor, commenter, viewer}) {
      HttpResponse<byte[]> r = fetch(member, url, Map.of());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(PNG);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'")
          .contains("sandbox");
      assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
      assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
      String etag = r.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[0-9a-f]{64}\"");
      HttpResponse<byte[]> again = fetch(member, url, Map.of("If-None-Match", etag));
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
  }

  @Test
  void eachAcceptedTypeIsStoredAsItsBytesSay() {
    String doc = sharedDoc("Types");
    for (Object[] t : new Object[][] {{"image/jpeg", JPEG}, {"image/gif", GIF}, {"image/webp", WEBP},
        {"IMAGE/PNG; charset=binary", PNG}}) {
      String url = uploaded(owner, doc, (String) t[0], (byte[]) t[1]);
      HttpResponse<byte[]> r = fetch(viewer, url, Map.of());
      assertThat(r.body()).isEqualTo((byte[]) t[1]);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(((String) t[0]).split(";")[0].toLowerCase());
    }
  }

  @Test
  void anythingButTheFourImageTypesAsDeclaredIsRefused415() {
    String doc = sharedDoc("Refused types");
    byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
    byte[] html = "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    refused(upload(editor, doc, "image/svg+xml", svg), 415, "UNSUPPORTED_TYPE");
    refused(upload(editor, doc, "image/png", svg), 415, "UNSUPPORTED_TYPE");
    refused(upload(editor, doc, "image/gif", html), 415, "UNSUPPORTED_TYPE");
    refused(upload(editor, doc, "text/html", html), 415, "UNSUPPORTED_TYPE");
    refused(upload(editor, doc, "image/jpeg", PNG), 415, "UNSUPPORTED_TYPE"); // a mismatch is not corrected
    refused(upload(editor, doc, "application/octet-stream", PNG), 415, "UNSUPPORTED_TYPE");
    refused(upload(editor, doc, "image/webp", "RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII)), 415, "UNSUPPORTED_TYPE");
  }

  @Test
  void viewersAndCommentersCannotUploadStrangersLearnNothingAndNoCookieIs401() {
    String doc = sharedDoc("Roles");
    String url = uploaded(owner, doc, "image/png", PNG);
    refused(upload(viewer, doc, "image/png", PNG), 403, "FORBIDDEN");
    refused(upload(commenter, doc, "image/png", PNG), 403, "FORBIDDEN");
    refused(upload(stranger, doc, "image/png", PNG), 404, "NOT_FOUND");
    refused(upload(anonymous, doc, "image/png", PNG), 401, "UNAUTHENTICATED");
    refused(fetch(stranger, url, Map.of()), 404, "NOT_FOUND");
    refused(fetch(anonymous, url, Map.of()), 401, "UNAUTHENTICATED");
    // an image of another document through a document the user can read: not there
    String mine = new JsonObject(stranger.post("/api/docs", "{\"title\":\"Mine\"}").body()).getString("id");
    refused(fetch(stranger, url.replace(doc, mine), Map.of()), 404, "NOT_FOUND");
    refused(fetch(owner, "/api/docs/" + doc + "/images/no-such-image-0000000", Map.of()), 404, "NOT_FOUND");
    refused(fetch(owner, "/api/docs/" + doc + "/images/x", Map.of()), 404, "NOT_FOUND");
  }

  @Test
  void aCrossSiteUploadIsRefused() {
    String doc = sharedDoc("Cross-site");
    refused(editor.sendBytes("POST", "/api/docs/" + doc + "/images", PNG,
        Map.of("Origin", "https://evil.example", "Content-Type", "image/png")), 403, "FORBIDDEN");
    refused(editor.sendBytes("POST", "/api/docs/" + doc + "/images", PNG, Map.of("Content-Type", "image/png")),
        403, "FORBIDDEN"); // neither Origin nor X-Requested-With
  }

  /** A length over the limit is refused from the headers alone: not a byte of the body is waited for. */
  @Test
  void aBodyOverTheLimitIsRefused413ByItsLength() throws Exception {
    String doc = sharedDoc("Large");
    String head = "POST /api/docs/" + doc + "/images HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + editor.origin()
        + "\r\nContent-Type: image/png\r\nContent-Length: " + (MAX_BYTES + 1) + "\r\nCookie: " + editor.cookies("/api/")
        + "\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // ends: closed
      assertThat(answer).startsWith("HTTP/1.1 413").contains("TOO_LARGE").contains("64 KiB");
    }
    uploaded(editor, doc, "image/png", image(PNG, MAX_BYTES)); // exactly the limit is fine
  }

  /**
   * A chunked body (no length said) is counted while it arrives: the 413 comes once it passes the
   * limit and the connection closes, long before the 64 MiB this client would send.
   */
  @Test
  void anEndlessChunkedBodyIsRefused413WhileItArrives() throws Exception {
    String doc = sharedDoc("Endless");
    String head = "POST /api/docs/" + doc + "/images HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + editor.origin()
        + "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\nCookie: " + editor.cookies("/api/") + "\r\n\r\n";
    long total = 64L * 1024 * 1024;
    byte[] chunk = image(PNG, 16 * 1024);
    byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    AtomicLong sent = new AtomicLong();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          while (sent.get() < total) {
            out.write(chunkHead);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            sent.addAndGet(chunk.length);
          }
        } catch (java.io.IOException closed) {
          // the server closed the connection: what this test expects
        }
      });
      writer.start();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        in.transferTo(answer);
      } catch (java.net.SocketException reset) {
        // closed with unread bytes on our side: the answer came before
      }
      writer.join(20_000);
      String text = answer.toString(StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 413");
      assertThat(text).contains("TOO_LARGE");
      assertThat(sent.get()).isLessThan(total / 4);
    }
  }

  @Test
  void aDocumentHoldsAtMostItsImagesThen429() {
    String doc = sharedDoc("Quota");
    for (int i = 0; i < MAX_PER_DOC; i++) {
      uploaded(editor, doc, "image/gif", GIF);
    }
    refused(upload(editor, doc, "image/gif", GIF), 429, "RATE_LIMITED");
    uploaded(editor, sharedDoc("Another"), "image/gif", GIF); // another document has its own count
  }

  @Test
  void aDocumentHoldsAtMostItsBytesThen429() {
    String doc = sharedDoc("Bytes quota");
    for (int i = 0; i < 3; i++) {
      uploaded(editor, doc, "image/png", image(PNG, MAX_BYTES));
    }
    // 3 × 64 KiB stored of 3.5 × 64 KiB: a fourth of 64 KiB does not fit, a small one does
    refused(upload(editor, doc, "image/png", image(PNG, MAX_BYTES)), 429, "RATE_LIMITED");
    uploaded(editor, doc, "image/png", PNG);
  }

  @Test
  void oneUserUploadsAtMostTheirRatePerMinuteThen429WithRetryAfter() {
    int other = stack.web(true, new JsonObject().put("images.uploadsPerMinute", 2)).port();
    CookieClient fast = new CookieClient(other);
    register(fast, "img.fast");
    String doc = new JsonObject(fast.post("/api/docs", "{\"title\":\"Fast\"}").body()).getString("id");
    uploaded(fast, doc, "image/gif", GIF);
    uploaded(fast, doc, "image/gif", GIF);
    HttpResponse<byte[]> r = upload(fast, doc, "image/gif", GIF);
    refused(r, 429, "RATE_LIMITED");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void anOpCarriesOnlyItsOwnDocumentsImageUrls() {
    String doc = sharedDoc("Own images");
    String other = sharedDoc("Other images");
    String own = uploaded(editor, doc, "image/png", PNG);
    String foreign = uploaded(editor, other, "image/png", PNG);
    assertThat(submit(doc, own).containsKey("rev")).isTrue();
    assertThat(submitFailure(doc, foreign)).isEqualTo(422);
    assertThat(submitFailure(doc, "http://localhost:" + port + foreign)).isEqualTo(422);
    assertThat(submit(doc, "https://example.com/picture.png").containsKey("rev")).isTrue(); // as before
  }

  @Test
  void theHtmlExportCarriesTheDocumentsImagesInline() {
    String doc = sharedDoc("Exported");
    String url = uploaded(editor, doc, "image/png", PNG);
    assertThat(submit(doc, url).containsKey("rev")).isTrue();
    HttpResponse<String> html = viewer.get("/api/docs/" + doc + "/export?format=html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).contains("<img src=\"data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PNG) + "\"")
        .doesNotContain(url);
  }

  private static JsonObject submit(String docId, String src) {
    return await(new DocumentClient(stack.vertx).request(docId, new JsonObject().put("action", "submit")
            .put("clientId", "images-api-test-" + docId).put("seq", SEQ.incrementAndGet()).put("baseRev", 0)
            .put("ops", new JsonArray().add(new JsonObject().put("insert", new JsonObject().put("image", src)))),
        new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, ownerId).addHeader(Addresses.HEADER_ROLE, "owner"))
        .map(m -> (JsonObject) m.body()));
  }

  private static int submitFailure(String docId, String src) {
    try {
      submit(docId, src);
      return 0;
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t != null && !(t instanceof io.vertx.core.eventbus.ReplyException)) {
        t = t.getCause();
      }
      return t == null ? -1 : ((io.vertx.core.eventbus.ReplyException) t).failureCode();
    }
  }
}
