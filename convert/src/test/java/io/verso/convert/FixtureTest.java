package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files written by a real tool import with their formatting. The fixtures were made by LibreOffice
 * 7.4.7 (Debian's libreoffice-writer-nogui) from fixtures/libreoffice-source.html:
 * {@code soffice --headless --convert-to 'docx:MS Word 2007 XML' source.html}, then that DOCX
 * {@code --convert-to html}.
 */
class FixtureTest {
  private static final Converters CONVERTERS = new Converters(
      ConvertLimits.defaults().withFormats(RoundTripTest.withTable()), ImageStore.inline(256 * 1024));

  @Test
  void libreOfficeDocx() throws IOException {
    ImportResult r = CONVERTERS.importFile(DocFormat.DOCX, fixture("libreoffice-7.4.docx"));
    List<Line> lines = Blocks.lines(r.content());
    expectCommon(lines);
    assertTrue(r.skipped().contains("linked images"), r.skipped().toString());
  }

  @Test
  void libreOfficeHtml() throws IOException {
    ImportResult r = CONVERTERS.importFile(DocFormat.HTML, fixture("libreoffice-7.4.html"));
    expectCommon(Blocks.lines(r.content()));
    // the picture is a relative URL (next to the file): it cannot be fetched from here
    assertTrue(r.skipped().contains("image with a relative URL"), r.skipped().toString());
  }

  private static void expectCommon(List<Line> lines) {
    Line title = find(lines, "Quarterly report");
    assertEquals(1, title.intAttr("header"));
    Line formatted = find(lines, "Plain text with");
    assertTrue(run(formatted, "bold").is("bold"));
    assertTrue(run(formatted, "italic").is("italic"));
    assertTrue(run(formatted, "underlined").is("underline"));
    assertTrue(run(formatted, "struck").is("strike"));
    assertEquals("https://example.com/report", run(formatted, "link").string("link"));
    assertEquals(2, find(lines, "Tasks").intAttr("header"));
    assertEquals("bullet", find(lines, "First bullet").list());
    Line nested = find(lines, "Nested bullet");
    assertEquals("bullet", nested.list());
    assertEquals(1, nested.intAttr("indent"));
    assertEquals("ordered", find(lines, "Step two").list());
    assertEquals("center", find(lines, "Centered line").stringAttr("align"));
    Line ada = find(lines, "Ada");
    Line score = find(lines, "42");
    assertEquals(ada.tableRow(), score.tableRow());
    assertTrue(ada.tableRow() != null && !ada.tableRow().equals(find(lines, "Name").tableRow()));
    assertTrue(find(lines, "Unicode").text().contains("naïve café 😀 שלום"));
  }

  private static Line find(List<Line> lines, String text) {
    return lines.stream().filter(l -> l.text().strip().startsWith(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + text + "' in " + lines));
  }

  private static Run run(Line line, String text) {
    return line.runs().stream().filter(r -> text.equals(r.text())).findFirst()
        .orElseThrow(() -> new AssertionError("no run '" + text + "' in " + line));
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = FixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }
}
