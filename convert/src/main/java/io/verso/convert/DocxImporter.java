package io.verso.convert;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.ooxml.util.POIXMLUnits;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.IOUtils;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word file (.docx, from Word, LibreOffice, Google Docs or the exporter) to a document, with
 * Apache POI. Structure comes from styles (Heading n / Title, Quote, Source Code and their
 * LibreOffice names), numbering (bullet or numbered, its level the indent) and direct formatting;
 * the box characters ☐/☑ starting a paragraph make a checklist item. Footnotes, comments, headers
 * and footers, text boxes, equations and charts are reported, never read.
 *
 * <p>Hostile files: POI refuses zip bombs (an entry inflating more than {@link #MIN_INFLATE_RATIO}
 * of its compressed size, or over {@link #MAX_ENTRY_BYTES}) and parses its XML with DTDs and
 * external entities off; anything POI refuses is {@code FILE_MALFORMED}.
 */
final class DocxImporter {
  static final double MIN_INFLATE_RATIO = 0.01;
  static final long MAX_ENTRY_BYTES = 128L * 1024 * 1024;

  static {
    // POI's guards are JVM-wide; these are the values every import in this process runs under
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxFileCount(2000);
    IOUtils.setByteArrayMaxOverride((int) MAX_ENTRY_BYTES);
  }

  private final XWPFDocument doc;
  private final DeltaWriter out;
  private final DocxRunFormats runFormats;

  private DocxImporter(XWPFDocument doc, DeltaWriter out) {
    this.doc = doc;
    this.out = out;
    this.runFormats = new DocxRunFormats(doc, out);
  }

  static ImportResult read(byte[] bytes, ConvertLimits limits, ImageStore images) {
    DeltaWriter out = new DeltaWriter(limits, images);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      DocxImporter in = new DocxImporter(doc, out);
      in.reportUnread();
      in.body(doc.getBodyElements());
    } catch (ConvertException e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      // POI's refusals (zip bomb, entity, not a zip, not OOXML) and XMLBeans' parse errors alike
      throw new ConvertException(ConvertException.Reason.FILE_MALFORMED,
          "not a readable Word document", e); // the library's own words stay in the log, not in the answer
    }
    return out.finish();
  }

  private void reportUnread() {
    if (doc.getFootnotes() != null && !doc.getFootnotes().isEmpty()) {
      out.skip("footnotes");
    }
    if (doc.getComments() != null && doc.getComments().length > 0) {
      out.skip("comments");
    }
    if (doc.getHeaderList().stream().anyMatch(h -> !h.getText().isBlank())
        || doc.getFooterList().stream().anyMatch(f -> !f.getText().isBlank())) {
      out.skip("page headers and footers");
    }
    if (!doc.getCharts().isEmpty()) {
      out.skip("charts");
    }
  }

  private void body(List<IBodyElement> elements) {
    for (IBodyElement e : elements) {
      if (e instanceof XWPFParagraph p) {
        paragraph(p);
      } else if (e instanceof XWPFTable t) {
        table(t);
      } else if (e instanceof XWPFSDT sdt) {
        out.skip("content control (kept as text)");
        for (String line : sdt.getContent().getText().split("\n")) {
          if (!line.isBlank()) {
            out.text(line, Map.of());
            out.endLine(Map.of());
          }
        }
      }
    }
  }

  private void paragraph(XWPFParagraph p) {
    Map<String, Object> line = lineFormats(p);
    if (p.getCTP().sizeOfOMathArray() > 0 || p.getCTP().sizeOfOMathParaArray() > 0) {
      out.skip("equations");
    }
    boolean wasEmpty = !out.lineHasContent();
    runs(p, line, false);
    if (wasEmpty || out.lineHasContent()) {
      out.endLine(line);
    }
  }

  private void runs(XWPFParagraph p, Map<String, Object> line, boolean inCell) {
    boolean first = true;
    for (XWPFRun run : p.getRuns()) {
      String text = run.text();
      if (first && ("checked".equals(line.get("list")) || "unchecked".equals(line.get("list"))) && (text.startsWith(DocxExporter.CHECKED.strip())
          || text.startsWith(DocxExporter.UNCHECKED.strip()))) {
        text = text.substring(1).stripLeading();
      }
      if (!text.isEmpty()) {
        first = false;
      }
      Map<String, Object> formats = runFormats.of(run);
      int start = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        out.text(text.substring(start, nl), formats);
        if (inCell) {
          out.text(" ", formats);
        } else {
          out.endLine(line);
        }
        start = nl + 1;
      }
      out.text(text.substring(start), formats);
      if (run.getCTR().sizeOfFootnoteReferenceArray() > 0) {
        out.skip("footnotes");
      }
      if ((run.getCTR().sizeOfDrawingArray() > 0 || run.getCTR().sizeOfPictArray() > 0)
          && run.getCTR().xmlText().contains("txbxContent")) {
        out.skip("text boxes");
      }
      for (XWPFPicture pic : run.getEmbeddedPictures()) {
        picture(pic, formats);
        first = false;
      }
    }
  }

  private void picture(XWPFPicture pic, Map<String, Object> formats) {
    if (pic.getPictureData() == null) {
      out.skip("linked images");
      return;
    }
    PictureType type = pic.getPictureData().getPictureTypeEnum();
    String contentType = type == null ? "" : switch (type) {
      case PNG -> "image/png";
      case JPEG -> "image/jpeg";
      case GIF -> "image/gif";
      default -> "";
    };
    if (contentType.isEmpty()) {
      out.skip("images of a type the editor cannot show (" + (type == null ? "unknown" : type) + ")");
      return;
    }
    Map<String, Object> attrs = new LinkedHashMap<>(formats);
    String alt = pic.getDescription();
    if (alt != null && !alt.isBlank()) {
      attrs.put("alt", alt);
    }
    out.image(pic.getPictureData().getData(), contentType, attrs);
  }

  private void table(XWPFTable table) {
    boolean asTable = out.allows("table");
    if (!asTable) {
      out.skip("table (kept as text, a row a line)");
    }
    for (XWPFTableRow row : table.getRows()) {
      String id = out.nextRowId();
      boolean firstCell = true;
      for (XWPFTableCell cell : row.getTableCells()) {
        if (!asTable && !firstCell) {
          out.text("\t", Map.of());
        }
        boolean firstPara = true;
        for (IBodyElement e : cell.getBodyElements()) {
          if (e instanceof XWPFParagraph p) {
            if (!firstPara) {
              out.text(" ", Map.of());
            }
            runs(p, Map.of(), true);
            firstPara = false;
          } else if (e instanceof XWPFTable) {
            out.skip("table inside a table");
          }
        }
        if (asTable) {
          out.endLine(Map.of("table", id));
        }
        firstCell = false;
      }
      if (!asTable) {
        out.endLine(Map.of());
      }
    }
  }

  private Map<String, Object> lineFormats(XWPFParagraph p) {
    Map<String, Object> line = new LinkedHashMap<>();
    String style = DocxRunFormats.styleName(doc, p.getStyleID());
    if (style.matches("heading [1-6]")) {
      line.put("header", style.charAt(8) - '0');
    } else if (style.equals("title")) {
      line.put("header", 1);
    } else if (style.equals("subtitle")) {
      line.put("header", 2);
    } else if (style.contains("quot") || style.equals("block text")) {
      line.put("blockquote", true);
    } else if (style.contains("code") || style.contains("preformatted") || style.equals("source text")) {
      line.put("code-block", true);
    }
    BigInteger num = p.getNumID();
    if (num != null && num.signum() > 0 && !line.containsKey("code-block")) {
      line.remove("header");
      line.remove("blockquote");
      String fmt = p.getNumFmt();
      line.put("list", fmt == null || fmt.equals("bullet") ? "bullet" : "ordered");
      int level = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
      if (level > 0) {
        line.put("indent", Math.min(8, level));
      }
    } else {
      String text = p.getText();
      if (text.startsWith(DocxExporter.CHECKED.strip()) || text.startsWith(DocxExporter.UNCHECKED.strip())) {
        line.remove("header");
        line.remove("blockquote");
        line.put("list", text.startsWith(DocxExporter.CHECKED.strip()) ? "checked" : "unchecked");
        int level = Math.round(Math.max(0, p.getIndentationLeft()) / (float) DocxStyles.INDENT_TWIPS) - 1;
        if (level > 0) {
          line.put("indent", Math.min(8, level));
        }
      } else if (p.getIndentationLeft() >= DocxStyles.INDENT_TWIPS && !line.containsKey("blockquote")
          && !line.containsKey("code-block")) {
        line.put("indent", Math.min(8, Math.round(p.getIndentationLeft() / (float) DocxStyles.INDENT_TWIPS)));
      }
    }
    if (p.isAlignmentSet()) {
      switch (p.getAlignment()) {
        case CENTER -> line.put("align", "center");
        case RIGHT, END -> line.put("align", "right");
        case BOTH, DISTRIBUTE -> line.put("align", "justify");
        default -> { }
      }
    }
    if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetBidi() && POIXMLUnits.parseOnOff(p.getCTP().getPPr().getBidi())) {
      line.put("direction", "rtl");
    }
    if (line.containsKey("code-block")) {
      line.keySet().retainAll(List.of("code-block"));
    }
    return line;
  }
}
