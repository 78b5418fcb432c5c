package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Import choices beyond the round trip: tables before the editor has them, images, foreign HTML. */
class ImportTest {
  private static final Converters NO_TABLES = Converters.withDefaults();

  @Test
  void withoutTheTableFormatATableIsTextARowALineAndReported() {
    String md = "| a | b |\n|---|---|\n| 1 | 2 |\n";
    ImportResult r = importWith(NO_TABLES.limits().withFormats(
        ConvertLimits.defaults().formats().stream().filter(f -> !f.equals("table"))
            .collect(java.util.stream.Collectors.toSet())), DocFormat.MARKDOWN, md);
    assertEquals("[{\"insert\":\"a\\tb\\n1\\t2\\n\"}]", r.content().toString());
    assertEquals(List.of("table (kept as text, a row a line)"), r.skipped());
  }

  @Test
  void aLargeDataImageGoesThroughTheStoreHookOrIsReported() {
    String big = "data:image/png;base64," + "A".repeat(400_000);
    String html = "<p>x<img src=\"" + big + "\" alt=\"big\"></p>";
    ImportResult inline = NO_TABLES.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertEquals("[{\"insert\":\"x\\n\"}]", inline.content().toString());
    assertEquals(List.of("image too large or of an unsupported type"), inline.skipped());

    ImageStore stored = (bytes, type) -> Optional.of("/api/docs/d1/images/i1");
    Converters withStore = new Converters(ConvertLimits.defaults(), stored);
    ImportResult r = withStore.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertEquals(Delta.builder().insert("x").insertEmbed(Map.of("image", "/api/docs/d1/images/i1"),
        Map.of("alt", "big")).insert("\n").build(), r.content());
  }

  @Test
  void remoteImagesCanBeRefusedByTheHook() {
    ImageStore noRemote = new ImageStore() {
      @Override
      public Optional<String> store(byte[] bytes, String contentType) {
        return Optional.empty();
      }

      @Override
      public Optional<String> remote(String url) {
        return Optional.empty();
      }
    };
    ImportResult r = new Converters(ConvertLimits.defaults(), noRemote).importFile(DocFormat.MARKDOWN,
        "![a](https://tracker.example/p.gif)\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("image from another site"), r.skipped());
  }

  @Test
  void googleDocsHtmlIsNotAllBold() {
    // Google Docs wraps a copied document in <b style="font-weight:normal"> and colors every span black
    String html = "<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1\"><p dir=\"ltr\">"
        + "<span style=\"color:#000000;font-weight:700;\">Strong</span><span style=\"color:#000000;\"> plain</span>"
        + "</p></b>";
    ImportResult r = NO_TABLES.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertEquals(Delta.builder().insert("Strong", Map.of("bold", true)).insert(" plain\n").build(), r.content());
  }

  @Test
  void quillsOwnHtmlImportsWithItsClasses() {
    String html = "<ol><li data-list=\"bullet\">a</li><li data-list=\"checked\" class=\"ql-indent-1\">"
        + "<span class=\"ql-ui\" contenteditable=\"false\"></span>b</li></ol>"
        + "<p class=\"ql-align-right ql-direction-rtl\">שלום</p>";
    ImportResult r = NO_TABLES.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertEquals(Delta.builder().insert("a").insert("\n", Map.of("list", "bullet"))
        .insert("b").insert("\n", Map.of("list", "checked", "indent", 1))
        .insert("שלום").insert("\n", Map.of("align", "right", "direction", "rtl")).build(), r.content());
  }

  @Test
  void aListInsideAQuoteStaysAListAsTheEditorHasNoBoth() {
    String html = "<blockquote><p>said</p><ul><li>item</li></ul></blockquote>";
    ImportResult r = NO_TABLES.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertEquals(Delta.builder().insert("said").insert("\n", Map.of("blockquote", true))
        .insert("item").insert("\n", Map.of("list", "bullet")).build(), r.content());
    assertEquals(List.of("list inside a quote (kept as a list)"), r.skipped());
  }

  @Test
  void plainTextKeepsItsLines() {
    ImportResult r = NO_TABLES.importFile(DocFormat.TEXT, "\uFEFFone\r\n\r\ntwo 😀\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("[{\"insert\":\"one\\n\\ntwo \\ud83d\\ude00\\n\"}]", r.content().toString());
  }

  @Test
  void formatsByContentTypeAndFileName() {
    assertEquals(Optional.of(DocFormat.DOCX), DocFormat.ofContentType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    assertEquals(Optional.of(DocFormat.MARKDOWN), DocFormat.ofContentType("text/markdown; charset=utf-8"));
    assertEquals(Optional.of(DocFormat.HTML), DocFormat.ofFileName("Page.HTM"));
    assertEquals(Optional.empty(), DocFormat.ofContentType("image/svg+xml"));
    assertTrue(DocFormat.PDF.exportable() && !DocFormat.PDF.importable());
  }

  private static ImportResult importWith(ConvertLimits limits, DocFormat format, String text) {
    return new Converters(limits, ImageStore.inline(limits.maxInlineImageBytes()))
        .importFile(format, text.getBytes(StandardCharsets.UTF_8));
  }
}
