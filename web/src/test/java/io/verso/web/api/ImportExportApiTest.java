package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.edit.EditVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/docs/import} and the DOCX/PDF exports over real HTTP on the real stack (storage on
 * embedded PostgreSQL, auth, edit, web): an imported file becomes a document whose content is the
 * file's, a document round-trips through its own DOCX export, a document longer than one op arrives
 * as several revisions, and every refusal (type, size, malformed, no cookie, a stranger's export)
 * leaves no document behind.
 */
class ImportExportApiTest {
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** This class's web tier: small files and small ops, so the limits are reached with small bodies. */
  static final int MAX_BYTES = 64 * 1024;
  static final int OP_CHARS = 1_000;

  private static ApiStack stack;
  private static int port;
  private static CookieClient owner;
  private static CookieClient stranger;
  private static CookieClient anonymous;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    await(stack.vertx.deployVerticle(new EditVerticle()));
    port = stack.web(true, new JsonObject()
        .put("import", new JsonObject().put("maxBytes", MAX_BYTES).put("perMinute", 600))
        .put("edit", new JsonObject().put("maxOpInsertChars", OP_CHARS))).port();
    owner = new CookieClient(port);
    stranger = new CookieClient(port);
    anonymous = new CookieClient(port);
    register(owner, "imp.owner");
    register(stranger, "imp.stranger");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  static HttpResponse<byte[]> importFile(CookieClient c, String title, String type, byte[] file) {
    return c.sendBytes("POST", "/api/docs/import?title=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8), file,
        Map.of("Origin", c.origin(), "Content-Type", type));
  }

  static JsonObject imported(CookieClient c, String title, String type, byte[] file) {
    HttpResponse<byte[]> r = importFile(c, title, type, file);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  static HttpResponse<byte[]> export(CookieClient c, String docId, String format) {
    return c.sendBytes("GET", "/api/docs/" + docId + "/export?format=" + format, null, Map.of());
  }

  static String markdown(String docId) {
    HttpResponse<byte[]> r = export(owner, docId, "md");
    assertThat(r.statusCode()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static int documents() {
    return new JsonArray(owner.get("/api/docs").body()).size();
  }

  @Test
  void aMarkdownFileBecomesADocumentOfTheImportersWithItsFormattingAndAReport() {
    String md = "# Plan\n\nSome **bold** and a [link](https://example.com/x).\n\n- one\n  - nested\n- [ ] task\n\n"
        + "<video src=\"x.mp4\"></video>\n";
    JsonObject made = imported(owner, "Plan from file", "text/markdown; charset=utf-8", md.getBytes(StandardCharsets.UTF_8));
    assertThat(made.getString("title")).isEqualTo("Plan from file");
    assertThat(made.getJsonObject("report").getJsonArray("skipped")).isNotEmpty(); // the raw HTML block is said, not dropped silently
    String id = made.getString("id");
    JsonObject doc = new JsonObject(owner.get("/api/docs/" + id).body());
    assertThat(doc.getString("role")).isEqualTo("owner");
    assertThat(doc.getLong("rev")).isEqualTo(1L); // the first revision is the file's content
    assertThat(markdown(id)).contains("# Plan", "**bold**", "[link](https://example.com/x)", "- one\n  - nested", "- [ ] task");
  }

  @Test
  void aDocumentComesBackFromItsOwnDocxExportAndExportsAsPdf() {
    String md = "## Notes\n\n1. first\n2. second\n\n> quoted *words*\n\n```\ncode <b>\n```\n\nשלום and 😀 ~~gone~~\n";
    String first = imported(owner, "Original", "text/markdown", md.getBytes(StandardCharsets.UTF_8)).getString("id");
    HttpResponse<byte[]> docx = export(owner, first, "docx");
    assertThat(docx.statusCode()).isEqualTo(200);
    assertThat(docx.headers().firstValue("Content-Type")).hasValue(DOCX);
    assertThat(docx.headers().firstValue("Content-Disposition").orElse("")).contains("Original.docx");
    String second = imported(owner, "Round trip", DOCX, docx.body()).getString("id");
    assertThat(markdown(second)).isEqualTo(markdown(first));

    HttpResponse<byte[]> pdf = export(owner, first, "pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void aDocumentLongerThanOneOpArrivesWhole() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 5 * OP_CHARS; i++) {
      text.append("Line ").append(i).append(" of a long file, with émigré and 😀.\n");
    }
    String id = imported(owner, "Long", "text/plain", text.toString().getBytes(StandardCharsets.UTF_8)).getString("id");
    assertThat(new JsonObject(owner.get("/api/docs/" + id).body()).getLong("rev")).isGreaterThanOrEqualTo(5L);
    HttpResponse<byte[]> txt = export(owner, id, "txt");
    assertThat(new String(txt.body(), StandardCharsets.UTF_8)).isEqualTo(text.toString());
  }

  @Test
  void scriptsInAnHtmlFileAreGone() {
    String html = "<p onclick=\"alert(1)\">Hi <a href=\"javascript:alert(2)\">there</a><script>alert(3)</script></p>";
    String id = imported(owner, "Hostile", "text/html", html.getBytes(StandardCharsets.UTF_8)).getString("id");
    String exported = new String(export(owner, id, "html").body(), StandardCharsets.UTF_8);
    assertThat(exported).contains("Hi there").doesNotContain("alert", "javascript", "onclick");
  }

  @Test
  void refusalsHaveTheirCodesAndLeaveNoDocument() {
    int before = documents();
    byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
    assertThat(importFile(owner, "Odd", "application/zip", text).statusCode()).isEqualTo(415);
    assertThat(importFile(owner, "PDF", "application/pdf", text).statusCode()).isEqualTo(415);
    assertThat(tooLargeByItsLength()).startsWith("HTTP/1.1 413").contains("TOO_LARGE");
    HttpResponse<byte[]> malformed = importFile(owner, "Broken", DOCX, "PK\u0003\u0004 not a zip at all".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(new String(malformed.body(), StandardCharsets.UTF_8)).doesNotContain("Exception", "at io.");
    assertThat(importFile(anonymous, "No cookie", "text/plain", text).statusCode()).isEqualTo(401);
    assertThat(importFile(owner, "x".repeat(201), "text/plain", text).statusCode()).isEqualTo(400);
    assertThat(owner.sendBytes("POST", "/api/docs/import", text, Map.of("Origin", "https://evil.example", "Content-Type", "text/plain"))
        .statusCode()).isEqualTo(403);
    assertThat(documents()).isEqualTo(before);
  }

  /** The 413 comes from the declared length, before a byte of the body is read (the connection then closes). */
  private static String tooLargeByItsLength() {
    String head = "POST /api/docs/import?title=Big HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + owner.origin()
        + "\r\nContent-Type: text/plain\r\nContent-Length: " + (MAX_BYTES + 1) + "\r\nCookie: " + owner.cookies("/api/")
        + "\r\n\r\n";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aStrangerExportsNothing() {
    String id = imported(owner, "Private", "text/plain", "secret\n".getBytes(StandardCharsets.UTF_8)).getString("id");
    for (String format : new String[] {"docx", "pdf", "md"}) {
      assertThat(export(stranger, id, format).statusCode()).isEqualTo(404);
      assertThat(export(anonymous, id, format).statusCode()).isEqualTo(401);
    }
    assertThat(export(owner, id, "odt").statusCode()).isEqualTo(400);
  }
}
