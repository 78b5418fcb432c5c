package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Imports are hostile input: every refusal is a typed 4xx, nothing is fetched, nothing runs. */
class HostileInputTest {
  private static final Converters CONVERTERS = Converters.withDefaults();

  @ParameterizedTest
  @EnumSource(value = DocFormat.class, names = {"DOCX", "MARKDOWN", "HTML", "TEXT"})
  void aFileOverTheLimitIsRefusedBeforeItIsRead(DocFormat format) {
    Converters small = new Converters(ConvertLimits.defaults().withMaxInputBytes(1000), ImageStore.inline(1000));
    ConvertException e = assertThrows(ConvertException.class, () -> small.importFile(format, new byte[1001]));
    assertEquals(ConvertException.Reason.FILE_TOO_LARGE, e.reason());
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
  }

  @Test
  void theDefaultFileLimitIs20MiB() {
    assertEquals(20L * 1024 * 1024, ConvertLimits.defaults().maxInputBytes());
  }

  @Test
  void aDocumentOverTheDocumentLimitIsRefusedNotCut() {
    Converters small = new Converters(ConvertLimits.defaults().withMaxDocChars(100), ImageStore.inline(1000));
    ConvertException e = assertThrows(ConvertException.class,
        () -> small.importFile(DocFormat.TEXT, "x".repeat(200).getBytes(StandardCharsets.UTF_8)));
    assertEquals(ConvertException.Reason.RESULT_TOO_LARGE, e.reason());
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
  }

  @Test
  void aZipBombIsRefused() throws IOException {
    // 40 MB of one character deflates to about 40 KB: far past POI's inflate ratio
    Map<String, String> parts = minimalDocx("<w:p><w:r><w:t>" + "a".repeat(40_000_000) + "</w:t></w:r></w:p>");
    expectMalformed(zip(parts));
  }

  @Test
  void externalEntitiesAreNeverResolved() throws IOException {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    Map<String, String> parts = minimalDocx("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>");
    parts.put("word/document.xml", xxe + parts.get("word/document.xml").substring(parts.get("word/document.xml")
        .indexOf("<w:document")));
    byte[] file = zip(parts);
    try {
      ImportResult r = CONVERTERS.importFile(DocFormat.DOCX, file);
      assertFalse(r.content().toString().contains("root:"), "the entity was resolved");
    } catch (ConvertException e) {
      assertEquals(ConvertException.Reason.FILE_MALFORMED, e.reason());
    }
  }

  @Test
  void billionLaughsIsRefused() throws IOException {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY l0 \"ha\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    Map<String, String> parts = minimalDocx("<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>");
    String doc = parts.get("word/document.xml");
    parts.put("word/document.xml", dtd + doc.substring(doc.indexOf("<w:document")));
    expectMalformed(zip(parts));
  }

  @Test
  void malformedXmlIsRefused() throws IOException {
    Map<String, String> parts = minimalDocx("<w:p><w:r><w:t>unclosed</w:r></w:p>");
    expectMalformed(zip(parts));
  }

  @Test
  void aFileThatIsNotAZipIsRefused() {
    expectMalformed("this is not a Word file".getBytes(StandardCharsets.UTF_8));
    expectMalformed(new byte[0]);
  }

  @Test
  void aWellFormedMinimalDocxImports() throws IOException {
    ImportResult r = CONVERTERS.importFile(DocFormat.DOCX,
        zip(minimalDocx("<w:p><w:r><w:t>hello</w:t></w:r></w:p>")));
    assertEquals("[{\"insert\":\"hello\\n\"}]", r.content().toString());
  }

  @Test
  void scriptsEventHandlersAndScriptUrlsAreGoneFromHtml() {
    String html = "<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">click</a>"
        + "<a href=\" java\tscript:alert(2)\">tab</a><img src=\"x\" onerror=\"alert(3)\">"
        + "<img src=\"javascript:alert(4)\"></p><script>alert(5)</script><iframe src=\"https://evil\"></iframe>"
        + "<svg><script>alert(6)</script></svg><style>p{}</style><object data=\"x\"></object>"
        + "<p style=\"color:expression(alert(7))\">styled</p><form><input value=\"secret\"></form>";
    ImportResult r = CONVERTERS.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    String doc = r.content().toString();
    for (String bad : new String[] {"alert", "javascript", "steal", "evil", "expression", "secret", "onerror"}) {
      assertFalse(doc.contains(bad), bad + " in " + doc);
    }
    assertTrue(doc.contains("Hi click"), doc);
    assertTrue(r.skipped().contains("HTML <script>"), r.skipped().toString());
    assertTrue(r.skipped().contains("link with an unsafe URL (2)"), r.skipped().toString());
    assertTrue(r.skipped().stream().anyMatch(s -> s.startsWith("image with")), r.skipped().toString());
  }

  @Test
  void markdownScriptsAndScriptUrlsAreGone() {
    String md = "[x](javascript:alert(1)) ![i](javascript:alert(2))\n\n<script>alert(3)</script>\n\n"
        + "<img src=x onerror=alert(4)> <b onclick=alert(5)>b</b>\n";
    ImportResult r = CONVERTERS.importFile(DocFormat.MARKDOWN, md.getBytes(StandardCharsets.UTF_8));
    assertFalse(r.content().toString().contains("alert"), r.content().toString());
    assertFalse(r.skipped().isEmpty());
  }

  @Test
  void deeplyNestedHtmlAndMarkdownDoNotOverflowTheStack() {
    String html = "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000);
    ImportResult h = CONVERTERS.importFile(DocFormat.HTML, html.getBytes(StandardCharsets.UTF_8));
    assertTrue(h.skipped().stream().anyMatch(s -> s.contains("nested")) || h.content().toString().contains("deep"));
    String md = ">".repeat(50_000) + " deep\n";
    ImportResult m = CONVERTERS.importFile(DocFormat.MARKDOWN, md.getBytes(StandardCharsets.UTF_8));
    assertTrue(m.skipped().stream().anyMatch(s -> s.contains("nested")) || m.content().toString().contains("deep"),
        m.skipped().toString());
  }

  @Test
  void textThatIsNotUtf8IsRefused() {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    ConvertException e = assertThrows(ConvertException.class, () -> CONVERTERS.importFile(DocFormat.MARKDOWN, latin1));
    assertEquals(ConvertException.Reason.FILE_MALFORMED, e.reason());
    assertEquals(ErrorCode.BAD_REQUEST, e.errorCode());
  }

  @Test
  void controlCharactersAreDropped() {
    ImportResult r = CONVERTERS.importFile(DocFormat.TEXT, "a\u0000b\u001bc\td\r\ne".getBytes(StandardCharsets.UTF_8));
    assertEquals("[{\"insert\":\"abc\\td\\ne\\n\"}]", r.content().toString());
  }

  @Test
  void pdfIsNotImported() {
    ConvertException e = assertThrows(ConvertException.class,
        () -> CONVERTERS.importFile(DocFormat.PDF, "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ConvertException.Reason.FORMAT_UNSUPPORTED, e.reason());
  }

  private static void expectMalformed(byte[] file) {
    ConvertException e = assertThrows(ConvertException.class, () -> CONVERTERS.importFile(DocFormat.DOCX, file));
    assertEquals(ConvertException.Reason.FILE_MALFORMED, e.reason(), e.getMessage());
    assertEquals(ErrorCode.BAD_REQUEST, e.errorCode());
  }

  /** The three parts Word needs, the body given. */
  static Map<String, String> minimalDocx(String body) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
        + "wordprocessingml.document.main+xml\"/></Types>");
    parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        + "officeDocument\" Target=\"word/document.xml\"/></Relationships>");
    parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        + body + "</w:body></w:document>");
    return parts;
  }

  static byte[] zip(Map<String, String> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> p : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(p.getKey()));
        zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
