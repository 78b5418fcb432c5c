package io.verso.web.e2e;

import static io.verso.auth.testing.AuthTestConfig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.verso.protocol.VersoException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * What a document holds and what the page shows agree: every format and embed of the shared list
 * (protocol's formats.json) inserted through the server renders in the browser app; what the app
 * cannot render is refused by the server; content the page still cannot render (stored by a server
 * before the shared list) is reported and never leaves the page on "Loading…"; a refused image is
 * told to the user.
 */
class ContentE2ETest extends WithAliceInBrowser {
  /** A 1×1 PNG. */
  private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlE"
      + "QVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  /**
   * For each name of the shared list: ops that use it (at the start of an empty document, before its
   * final newline) and a selector of what the page must show for them.
   */
  private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

  private record Sample(String ops, String selector) {}

  static {
    inline("bold", "true", "strong");
    inline("italic", "true", "em");
    inline("underline", "true", "u");
    inline("strike", "true", "s");
    inline("code", "true", "code");
    inline("link", "\"https://example.com/\"", "a[href='https://example.com/']");
    inline("script", "\"super\"", "sup");
    inline("color", "\"#ff0000\"", "span[style*='color']");
    inline("background", "\"#00ff00\"", "span[style*='background']");
    inline("font", "\"monospace\"", ".ql-font-monospace");
    inline("size", "\"large\"", ".ql-size-large");
    line("header", "2", "h2");
    line("blockquote", "true", "blockquote");
    line("code-block", "\"plain\"", ".ql-code-block"); // Quill reads a code block back as "plain"
    line("list", "\"bullet\"", "li[data-list='bullet']");
    line("indent", "3", ".ql-indent-3");
    line("align", "\"center\"", ".ql-align-center");
    line("direction", "\"rtl\"", ".ql-direction-rtl");
    String image = "{\"insert\":{\"image\":\"" + PNG + "\"},\"attributes\":{\"alt\":\"a dot\",\"width\":\"120\",\"height\":\"80\"}}";
    SAMPLES.put("image", new Sample(image, "img[src^='data:image/png']"));
    SAMPLES.put("alt", new Sample(image, "img[alt='a dot']"));
    SAMPLES.put("width", new Sample(image, "img[width='120']"));
    SAMPLES.put("height", new Sample(image, "img[height='80']"));
  }

  private static void inline(String name, String value, String selector) {
    SAMPLES.put(name, new Sample("{\"insert\":\"" + name + "\",\"attributes\":{\"" + name + "\":" + value + "}}", selector));
  }

  private static void line(String name, String value, String selector) {
    SAMPLES.put(name, new Sample("{\"insert\":\"" + name + "\"},{\"insert\":\"\\n\",\"attributes\":{\"" + name + "\":"
        + value + "}}", selector));
  }

  @Test
  void everyFormatOfTheSharedListRendersInThePage() throws IOException {
    JsonObject list = sharedList();
    Set<String> names = new HashSet<>();
    for (String key : List.of("formats", "embeds", "embedAttributes")) {
      list.getJsonArray(key).forEach(n -> names.add((String) n));
    }
    assertThat(SAMPLES.keySet()).as("a sample for every name of the shared list").isEqualTo(names);

    // One document per format, each written through the server's edit path as an editor's op.
    Map<String, String> docs = new LinkedHashMap<>();
    for (Map.Entry<String, Sample> e : SAMPLES.entrySet()) {
      String docId = createDoc("format " + e.getKey());
      await(submit(docId, 1, 0, new JsonArray("[" + e.getValue().ops() + "]")));
      docs.put(e.getKey(), docId);
    }
    for (Map.Entry<String, String> d : docs.entrySet()) {
      String name = d.getKey();
      openDoc(d.getValue());
      JsonArray server = stack.open(d.getValue(), aliceId).getJsonArray("content");
      assertThat(new JsonArray((String) alice.js("return JSON.stringify(window.__verso.contents())")))
          .as(name + ": the page holds what the server holds").isEqualTo(server);
      assertThat(((Number) alice.js("return document.querySelectorAll(arguments[0]).length",
          ".ql-editor " + SAMPLES.get(name).selector())).intValue()).as(name + " shown").isPositive();
    }

    // The page's Quill knows exactly the listed formats and embeds: formula and video are not there.
    List<String> quillFormats = new ArrayList<>();
    list.getJsonArray("formats").forEach(n -> quillFormats.add((String) n));
    list.getJsonArray("embeds").forEach(n -> quillFormats.add((String) n));
    @SuppressWarnings("unchecked")
    List<String> unknown = (List<String>) alice.js("const s = window.__verso.quill.scroll;"
        + "return arguments[0].filter(n => s.query(n) === null)", quillFormats);
    assertThat(unknown).as("listed formats the page's Quill lacks").isEmpty();
    assertThat((Boolean) alice.js("const s = window.__verso.quill.scroll; return s.query('formula') === null"
        + " && s.query('video') === null")).isTrue();
  }

  @Test
  void embedsTheAppCannotRenderAreRefused() {
    String docId = createDoc("refused embeds");
    openDoc(docId);
    JsonObject before = stack.open(docId, aliceId);
    for (String embed : List.of("{\"formula\":\"e=mc^2\"}", "{\"video\":\"https://www.youtube.com/embed/x\"}")) {
      JsonArray ops = new JsonArray("[{\"insert\":" + embed + "}]");
      assertThat(failureCode(submit(docId, 1, before.getLong("rev"), ops))).as(embed).isEqualTo(422);
      // and through the browser's bridge, as a page script could send it
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) alice.js("return window.__verso.forgeSubmit(arguments[0])",
          List.of(Map.of("insert", new JsonObject(embed).getMap())));
      assertThat(((Number) r.get("failureCode")).intValue()).as(embed + " over the bridge").isEqualTo(422);
    }
    JsonObject after = stack.open(docId, aliceId);
    assertThat(after.getLong("rev")).isEqualTo(before.getLong("rev"));
    assertThat(after.getJsonArray("content")).isEqualTo(before.getJsonArray("content"));
  }

  /** Opening a document whose op log holds a formula (a server before the shared list took it). */
  @Test
  void aDocumentThePageCannotRenderSaysSoInsteadOfLoading() {
    String docId = createDoc("bricked");
    // straight into the op log, as the edit-service accepted it before; the document is not loaded yet
    await(stack.vertx.eventBus().request(Addresses.STORAGE_OPS_APPEND, new JsonObject().put("docId", docId)
        .put("ops", new JsonArray().add(new JsonObject().put("rev", 1).put("clientId", "pre-fix-client-0001")
            .put("seq", 1).put("userId", aliceId).put("ts", System.currentTimeMillis())
            .put("ops", new JsonArray("[{\"insert\":\"before \"},{\"insert\":{\"formula\":\"e=mc^2\"}}]"))))));
    alice.driver.get(base + "/#/doc/" + docId);
    alice.await("the broken state", () -> "broken".equals(status()));
    assertThat(statusText()).isEqualTo("Cannot display this document");
    assertThat(notice()).isEqualTo("This document holds content this app cannot display.");
    assertThat((String) alice.js("return document.querySelector('.ql-editor').getAttribute('contenteditable')"))
        .isEqualTo("false");
    assertThat(alice.consoleLog()).contains("cannot display");
  }

  /** A live op the page cannot render (published as a server before the shared list would have). */
  @Test
  void aLiveChangeThePageCannotRenderIsReportedAndTheDocumentReloaded() {
    String docId = createDoc("live");
    openDoc(docId);
    alice.js("const q = window.__verso.quill; q.setSelection(0, 0, 'user')");
    alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys("typed first");
    alice.await("saved", () -> "saved".equals(status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    long rev = ((Number) alice.js("return window.__verso.rev()")).longValue();
    stack.vertx.eventBus().publish(Addresses.docEvents(docId), new JsonObject().put("type", "op").put("rev", rev + 1)
        .put("ops", new JsonArray("[{\"retain\":2},{\"insert\":{\"formula\":\"e=mc^2\"}}]"))
        .put("clientId", "pre-fix-client-0002").put("seq", 1).put("userId", aliceId).put("ts", System.currentTimeMillis()));
    alice.await("reported", () -> "A change to this document could not be shown here; the document was reloaded."
        .equals(notice()));
    alice.await("reloaded and saved at the server's revision", () -> "saved".equals(status())
        && ((Number) alice.js("return window.__verso.rev()")).longValue() == rev);
    assertThat(alice.consoleLog()).contains("could not be shown");
    // the page goes on: an edit after it is saved
    alice.js("const q = window.__verso.quill; q.setSelection(q.getLength() - 1, 0, 'user')");
    alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys(" and after");
    alice.await("saved after", () -> "saved".equals(status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    JsonObject server = stack.open(docId, aliceId);
    assertThat(server.getJsonArray("content").encode()).contains("typed first and after").doesNotContain("formula");
    assertThat(new JsonArray((String) alice.js("return JSON.stringify(window.__verso.contents())")))
        .isEqualTo(server.getJsonArray("content"));
  }

  /**
   * A pasted inline image (a data: URL in pasted web content) over the server's inline limit (256 KiB)
   * is refused with 413 and the user is told. (A pasted image file is uploaded instead: ImagesE2ETest.)
   */
  @Test
  void aPastedImageTooLargeIsRefusedAndTheUserTold() {
    String docId = createDoc("images");
    openDoc(docId);
    alice.consoleLog(); // from here on: no socket may close
    long rev = ((Number) alice.js("return window.__verso.rev()")).longValue();
    // 300 KiB: over the server's limit, sent and refused with 413; 1.5 MiB: too large for a frame, not sent
    for (int kib : new int[] {300, 1536}) {
      alice.js("document.getElementById('notice').textContent = '';"
          + "const q = window.__verso.quill; q.focus(); q.setSelection(0, 0, 'user');"
          + "const png = new Uint8Array(arguments[0] * 1024); png.set([137, 80, 78, 71, 13, 10, 26, 10]);"
          + "let bin = ''; for (let i = 0; i < png.length; i += 8192) bin += String.fromCharCode(...png.subarray(i, i + 8192));"
          + "const dt = new DataTransfer(); dt.setData('text/html', '<img src=\"data:image/png;base64,' + btoa(bin) + '\">');"
          + "q.root.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));", kib);
      alice.await(kib + " KiB image: the user is told", () -> notice().equals(
          "The image is too large to put into a document and was removed."));
      alice.await(kib + " KiB image: removed from the page", () -> "saved".equals(status())
          && ((Number) alice.js("return document.querySelectorAll('.ql-editor img').length")).intValue() == 0);
    }
    JsonObject server = stack.open(docId, aliceId);
    assertThat(server.getLong("rev")).as("nothing stored").isEqualTo(rev);
    assertThat(server.getJsonArray("content").encode()).doesNotContain("image");
    assertThat(alice.consoleLog()).doesNotContain("bridge closed");
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject sharedList() throws IOException {
    try (InputStream in = ContentE2ETest.class.getResourceAsStream("/io/verso/protocol/formats.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private String createDoc(String title) {
    return (String) alice.js("return fetch('/api/docs', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'verso'}, body: JSON.stringify({title: arguments[0]})}).then(r => r.json()).then(j => j.id)",
        title);
  }

  private Future<JsonObject> submit(String docId, long seq, long baseRev, JsonArray ops) {
    return new DocumentClient(stack.vertx).request(docId, new JsonObject().put("action", "submit")
            .put("clientId", "content-test-client-" + docId).put("seq", seq).put("baseRev", baseRev).put("ops", ops),
        new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, aliceId).addHeader(Addresses.HEADER_ROLE, "owner"))
        .map(m -> (JsonObject) m.body());
  }

  private static int failureCode(Future<?> f) {
    try {
      await(f);
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t != null) {
        if (t instanceof ReplyException r) {
          return r.failureCode();
        }
        if (t instanceof VersoException v) {
          return v.code().code();
        }
        t = t.getCause();
      }
      throw e;
    }
    throw new AssertionError("accepted");
  }

  private void openDoc(String docId) {
    alice.driver.get(base + "/#/doc/" + docId);
    alice.await("document " + docId + " open", () -> "saved".equals(status()));
  }

  private String statusText() {
    return (String) alice.js("return document.getElementById('status').textContent");
  }

  private String notice() {
    return (String) alice.js("const n = document.getElementById('notice'); return n ? n.textContent : ''");
  }
}
