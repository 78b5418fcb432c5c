package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/** The Word file is Word's own structure, not only text that looks right. */
class DocxExportTest {
  private static final Converters CONVERTERS = Converters.withDefaults();

  @Test
  void headingsListsLinksCodeQuotesAndImagesAreWordStructures() throws IOException {
    Delta doc = Delta.builder()
        .insert("Title").insert("\n", Map.of("header", 2))
        .insert("one").insert("\n", Map.of("list", "ordered"))
        .insert("two").insert("\n", Map.of("list", "ordered", "indent", 1))
        .insert("todo").insert("\n", Map.of("list", "unchecked"))
        .insert("site", Map.of("link", "https://example.com/")).insert("\n")
        .insert("code").insert("\n", Map.of("code-block", true))
        .insert("said").insert("\n", Map.of("blockquote", true))
        .insertEmbed(Map.of("image", RandomDocs.PNG), Map.of("alt", "dot")).insert("\n")
        .build();
    ExportResult r = CONVERTERS.export(DocFormat.DOCX, doc, "My doc", ImageSource.DATA_URLS);
    assertEquals(List.of(), r.lost());
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(r.bytes()))) {
      List<XWPFParagraph> ps = word.getParagraphs();
      assertEquals("Heading2", ps.get(0).getStyleID());
      assertEquals("heading 2", word.getStyles().getStyle("Heading2").getName());
      assertEquals("decimal", ps.get(1).getNumFmt());
      assertEquals(0, ps.get(1).getNumIlvl().intValue());
      assertEquals(1, ps.get(2).getNumIlvl().intValue());
      assertEquals(ps.get(1).getNumID(), ps.get(2).getNumID());
      assertTrue(ps.get(3).getText().startsWith("\u2610 "));
      XWPFHyperlinkRun link = (XWPFHyperlinkRun) ps.get(4).getRuns().get(0);
      assertEquals("https://example.com/", link.getHyperlink(word).getURL());
      assertEquals(DocxStyles.CODE, ps.get(5).getStyleID());
      assertEquals(DocxStyles.QUOTE, ps.get(6).getStyleID());
      assertEquals(1, ps.get(7).getRuns().get(0).getEmbeddedPictures().size());
      assertEquals("My doc", word.getProperties().getCoreProperties().getTitle());
    }
  }

  @Test
  void aSecondOrderedListStartsAgainAtOne() throws IOException {
    Delta doc = Delta.builder().insert("a").insert("\n", Map.of("list", "ordered")).insert("between\n")
        .insert("b").insert("\n", Map.of("list", "ordered")).build();
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(
        CONVERTERS.export(DocFormat.DOCX, doc, "t", ImageSource.DATA_URLS).bytes()))) {
      List<XWPFParagraph> ps = word.getParagraphs();
      assertTrue(!ps.get(0).getNumID().equals(ps.get(2).getNumID()));
      assertNotNull(word.getNumbering().getNum(ps.get(2).getNumID()).getCTNum().getLvlOverrideArray(0)
          .getStartOverride());
    }
  }

  @Test
  void anImageTheSourceDoesNotHaveIsAPlaceholderAndReported() {
    Delta doc = Delta.builder().insertEmbed(Map.of("image", "https://example.com/a.png"), Map.of("alt", "cat"))
        .insert("\n").build();
    ExportResult r = CONVERTERS.export(DocFormat.DOCX, doc, "t", ImageSource.DATA_URLS);
    assertEquals(List.of("image not available (a placeholder text instead)"), r.lost());
    ImportResult back = CONVERTERS.importFile(DocFormat.DOCX, r.bytes());
    assertEquals("[{\"insert\":\"[image: cat]\\n\"}]", back.content().toString());
  }
}
