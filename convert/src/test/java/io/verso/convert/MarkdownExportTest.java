package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown export bugs of issue 27, each with the text users saw, and the choices for what Markdown lacks. */
class MarkdownExportTest {
  private static final Converters CONVERTERS = new Converters(
      ConvertLimits.defaults().withFormats(RoundTripTest.withTable()), ImageStore.inline(256 * 1024));

  @Test
  void blocksAreSeparatedByABlankLine() {
    Delta doc = Delta.builder().insert("First paragraph.\nSecond paragraph.\n")
        .insert("item").insert("\n", Map.of("list", "bullet"))
        .insert("After the list.\n").build();
    assertEquals("First paragraph.\n\nSecond paragraph.\n\n- item\n\nAfter the list.\n", md(doc));
  }

  @Test
  void onlyWhatWouldChangeTheMeaningIsEscaped() {
    Delta doc = Delta.builder().insert("Version 1.2 - see e.g. x-y, a.b and 3.14.\n").build();
    assertEquals("Version 1.2 - see e.g. x-y, a.b and 3.14.\n", md(doc));
    // a line that would become a list or a heading is escaped, once
    Delta risky = Delta.builder().insert("1. not a list\n- not a bullet\n# not a heading\n").build();
    String out = md(risky);
    assertEquals(3, out.split("\\\\", -1).length - 1, out);
    assertEquals(risky, CONVERTERS.importFile(DocFormat.MARKDOWN, out.getBytes(StandardCharsets.UTF_8)).content());
  }

  @Test
  void nestedListsAndChecklistsKeepTheirLevels() {
    Delta doc = Delta.builder()
        .insert("top").insert("\n", Map.of("list", "bullet"))
        .insert("nested").insert("\n", Map.of("list", "bullet", "indent", 1))
        .insert("deeper").insert("\n", Map.of("list", "ordered", "indent", 2))
        .insert("todo").insert("\n", Map.of("list", "unchecked"))
        .insert("done").insert("\n", Map.of("list", "checked", "indent", 1))
        .build();
    assertEquals("- top\n  - nested\n    1. deeper\n\n- [ ] todo\n  - [x] done\n", md(doc));
    assertEquals(doc, back(md(doc)));
  }

  @Test
  void underlineAndScriptsAreInlineHtmlThatReadsBack() {
    Delta doc = Delta.builder().insert("under", Map.of("underline", true)).insert(" H")
        .insert("2", Map.of("script", "sub")).insert("O\n").build();
    assertEquals("<u>under</u> H<sub>2</sub>O\n", md(doc));
    assertEquals(doc, back(md(doc)));
  }

  @Test
  void emphasisThatDelimitersCannotCloseIsInlineHtml() {
    // "**" before "." inside a word does not open emphasis in CommonMark
    Delta doc = Delta.builder().insert("x").insert(".y", Map.of("bold", true)).insert("\n").build();
    assertEquals("x<strong>.y</strong>\n", md(doc));
    assertEquals(doc, back(md(doc)));
  }

  @Test
  void tablesAreGfmTablesWithTheirCellsEscaped() {
    Delta doc = Delta.builder().insert("a|b").insert("\n", Map.of("table", "row-1"))
        .insert("c", Map.of("bold", true)).insert("\n", Map.of("table", "row-1"))
        .insert("1").insert("\n", Map.of("table", "row-2")).insert("2").insert("\n", Map.of("table", "row-2"))
        .build();
    String out = md(doc);
    assertTrue(out.startsWith("|a\\|b|**c**|\n|---|---|\n|1|2|"), out);
    assertEquals(doc, back(out));
  }

  @Test
  void whatMarkdownCannotHoldIsReported() {
    Delta doc = Delta.builder().insert("red", Map.of("color", "#ff0000")).insert("\n", Map.of("align", "center"))
        .build();
    ExportResult r = CONVERTERS.export(DocFormat.MARKDOWN, doc, "t", ImageSource.DATA_URLS);
    assertEquals(List.of("format 'align'", "format 'color'"), r.lost());
  }

  @Test
  void codeBlocksKeepTheirLanguageAndBackticks() {
    Delta doc = Delta.builder().insert("let a = `x`;").insert("\n", Map.of("code-block", "js"))
        .insert("```").insert("\n", Map.of("code-block", "js")).build();
    String out = md(doc);
    assertTrue(out.startsWith("````js\n"), out);
    assertEquals(doc, back(out));
  }

  private static String md(Delta doc) {
    return new String(CONVERTERS.export(DocFormat.MARKDOWN, doc, "t", ImageSource.DATA_URLS).bytes(),
        StandardCharsets.UTF_8);
  }

  private static Delta back(String md) {
    return CONVERTERS.importFile(DocFormat.MARKDOWN, md.getBytes(StandardCharsets.UTF_8)).content();
  }

  @Test
  void anUnsafeImageSourceIsLeftOut() {
    Delta doc = Delta.builder().insert("a").insertEmbed(java.util.Map.of("image", "javascript:alert(1)"), java.util.Map.of())
        .insertEmbed(java.util.Map.of("image", "https://img.example/p.png"), java.util.Map.of()).insert("\n").build();
    String md = new String(Converters.withDefaults().export(DocFormat.MARKDOWN, doc, "t", ImageSource.DATA_URLS).bytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!md.contains("javascript") && md.contains("![](https://img.example/p.png)"), md);
  }
}
