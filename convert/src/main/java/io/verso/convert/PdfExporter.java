package io.verso.convert;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.verso.delta.Delta;
import io.verso.protocol.SafeUrl;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * A document as PDF: the HTML export laid out for print by openhtmltopdf (PDFBox), on A4 or
 * Letter with 2 cm margins, in the DejaVu fonts when the system has them
 * ({@value #FONT_DIR}; Debian's fonts-dejavu-core) and PDF's built-in Latin fonts otherwise
 * (reported: other scripts then do not show). The renderer fetches nothing: every image is taken
 * from the {@link ImageSource} beforehand and inlined, and its resource access refuses any URI but
 * those inline {@code data:} images.
 */
final class PdfExporter {
  static final String FONT_DIR = "/usr/share/fonts/truetype/dejavu";

  /** A page size. */
  enum Page {
    A4("A4"), LETTER("letter");

    final String css;

    Page(String css) {
      this.css = css;
    }
  }

  private static final String[][] FONTS = {
      {"DejaVuSerif.ttf", "DejaVu Serif", "400", "NORMAL"},
      {"DejaVuSerif-Bold.ttf", "DejaVu Serif", "700", "NORMAL"},
      {"DejaVuSerif-Italic.ttf", "DejaVu Serif", "400", "ITALIC"},
      {"DejaVuSerif-BoldItalic.ttf", "DejaVu Serif", "700", "ITALIC"},
      {"DejaVuSans.ttf", "DejaVu Sans", "400", "NORMAL"},
      {"DejaVuSans-Bold.ttf", "DejaVu Sans", "700", "NORMAL"},
      {"DejaVuSansMono.ttf", "DejaVu Sans Mono", "400", "NORMAL"},
      {"DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", "700", "NORMAL"},
  };

  private PdfExporter() {}

  static ExportResult export(Delta doc, String title, ImageSource images, Page page) {
    Report lost = new Report();
    Document html = HtmlExporter.page(doc, title);
    html.head().appendElement("style").appendChild(new DataNode(
        "@page{size:" + page.css + ";margin:2cm}body{max-width:none;margin:0;padding:0}"
            + "h1,h2,h3{page-break-after:avoid}tr,img{page-break-inside:avoid}"));
    inlineImages(html, images, lost);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
    builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    if (!fonts(builder)) {
      lost.add("system fonts (DejaVu) missing: only Latin text shows");
    }
    builder.withW3cDocument(new W3CDom().fromJsoup(html), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new IllegalStateException("PDF rendering failed", e);
    }
    return new ExportResult(out.toByteArray(), DocFormat.PDF.contentType(), lost.lines());
  }

  private static boolean fonts(PdfRendererBuilder builder) {
    boolean all = true;
    for (String[] f : FONTS) {
      File file = new File(FONT_DIR, f[0]);
      if (file.canRead()) {
        builder.useFont(file, f[1], Integer.valueOf(f[2]), FontStyle.valueOf(f[3]), true);
      } else {
        all = false;
      }
    }
    return all;
  }

  /** Every image as a data: URL of the bytes the source gives, or its alt text in brackets. */
  private static void inlineImages(Document html, ImageSource images, Report lost) {
    for (Element img : html.select("img")) {
      String src = img.attr("src");
      Optional<ImageSource.Image> found = images.find(src);
      String url = found.filter(i -> List.of("image/png", "image/jpeg", "image/gif").contains(i.contentType()))
          .map(i -> DataUrls.encode(i.bytes(), i.contentType())).orElse(null);
      if (url != null && SafeUrl.isInlineImage(url)) {
        img.attr("src", url);
      } else {
        lost.add("image not available (a placeholder text instead)");
        String alt = img.attr("alt");
        img.replaceWith(new TextNode("[image" + (alt.isEmpty() ? "" : ": " + alt) + "]"));
      }
    }
  }
}
