package io.verso.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfExportTest {
  private static final Converters CONVERTERS = Converters.withDefaults();

  private static Delta sample(String imageUrl) {
    return Delta.builder().insert("Report").insert("\n", Map.of("header", 1))
        .insert("Bold", Map.of("bold", true)).insert(" naïve café, Ünïcödé and שלום.\n")
        .insert("first").insert("\n", Map.of("list", "bullet"))
        .insert("done").insert("\n", Map.of("list", "checked"))
        .insert("int x = 1;").insert("\n", Map.of("code-block", true))
        .insert("cell").insert("\n", Map.of("table", "row-1"))
        .insertEmbed(Map.of("image", imageUrl), Map.of("alt", "chart")).insert("\n")
        .build();
  }

  @Test
  void aPdfWithTheDocumentsTextOnA4() throws IOException {
    ExportResult r = CONVERTERS.export(DocFormat.PDF, sample(RandomDocs.PNG), "Report", ImageSource.DATA_URLS);
    assertEquals("application/pdf", r.contentType());
    try (PDDocument pdf = Loader.loadPDF(r.bytes())) {
      PDRectangle page = pdf.getPage(0).getMediaBox();
      assertEquals(PDRectangle.A4.getWidth(), page.getWidth(), 1);
      assertEquals(PDRectangle.A4.getHeight(), page.getHeight(), 1);
      String text = new PDFTextStripper().getText(pdf);
      for (String s : List.of("Report", "Bold naïve café, Ünïcödé", "first", "int x = 1;", "cell")) {
        assertTrue(text.contains(s), s + " not in " + text);
      }
      assertFalse(pdf.getPage(0).getResources().getXObjectNames().iterator().hasNext() == false,
          "the image is embedded");
    }
    assertEquals(List.of(), r.lost());
  }

  @Test
  void letterPaper() throws IOException {
    ExportResult r = CONVERTERS.exportPdfLetter(sample(RandomDocs.PNG), "Report", ImageSource.DATA_URLS);
    try (PDDocument pdf = Loader.loadPDF(r.bytes())) {
      assertEquals(PDRectangle.LETTER.getWidth(), pdf.getPage(0).getMediaBox().getWidth(), 1);
    }
  }

  @Test
  void theRendererFetchesNothingAndAMissingImageIsAPlaceholder() throws IOException {
    try (ServerSocket server = new ServerSocket(0)) {
      server.setSoTimeout(300);
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/tracker.png";
      AtomicInteger asked = new AtomicInteger();
      ImageSource none = u -> {
        asked.incrementAndGet();
        return Optional.empty();
      };
      ExportResult r = CONVERTERS.export(DocFormat.PDF, sample(url), "Report", none);
      assertEquals(1, asked.get());
      assertEquals(List.of("image not available (a placeholder text instead)"), r.lost());
      try (PDDocument pdf = Loader.loadPDF(r.bytes())) {
        assertTrue(new PDFTextStripper().getText(pdf).contains("[image: chart]"));
      }
      try {
        server.accept().close();
        throw new AssertionError("the PDF renderer connected to " + url);
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
    }
  }
}
