package io.verso.convert;

import io.verso.delta.Delta;
import io.verso.protocol.SafeUrl;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.UnderlinePatterns;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd;

/**
 * A document as a Word file (Apache POI): headings are Heading 1–6, lists real numbering with
 * levels, a checklist item a paragraph starting with ☐ or ☑, links real hyperlinks, code blocks the
 * Source Code style, quotes the Quote style, tables Word tables, images embedded from the
 * {@link ImageSource} (an image it does not have, or a WebP Word cannot show, is a placeholder text
 * and a report line).
 */
final class DocxExporter {
  static final String CHECKED = "\u2611 ";
  static final String UNCHECKED = "\u2610 ";
  private static final int MAX_IMAGE_WIDTH_PX = 600;

  private final XWPFDocument doc = new XWPFDocument();
  private final DocxStyles styles = new DocxStyles(doc);
  private final ImageSource images;
  private final Report lost = new Report();

  private DocxExporter(ImageSource images) {
    this.images = images;
  }

  static ExportResult export(Delta delta, String title, ImageSource images) {
    DocxExporter e = new DocxExporter(images);
    e.doc.getProperties().getCoreProperties().setTitle(title == null ? "" : title);
    for (Block b : Blocks.of(delta)) {
      e.block(b);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XWPFDocument d = e.doc) {
      d.write(bytes);
    } catch (IOException ex) {
      throw new IllegalStateException("writing to memory failed", ex);
    }
    return new ExportResult(bytes.toByteArray(), DocFormat.DOCX.contentType(), e.lost.lines());
  }

  private void block(Block block) {
    if (block instanceof Block.Paragraph p) {
      XWPFParagraph para = doc.createParagraph();
      int h = p.line().intAttr("header");
      if (h >= 1 && h <= 6) {
        para.setStyle("Heading" + h);
      }
      lineFormats(para, p.line(), true);
      runs(para, p.line());
    } else if (block instanceof Block.Quote q) {
      for (Line l : q.lines()) {
        XWPFParagraph para = doc.createParagraph();
        para.setStyle(DocxStyles.QUOTE);
        lineFormats(para, l, false);
        runs(para, l);
      }
    } else if (block instanceof Block.Code c) {
      if (!c.language().equals("plain")) {
        lost.add("code block language");
      }
      for (Line l : c.lines()) {
        XWPFParagraph para = doc.createParagraph();
        para.setStyle(DocxStyles.CODE);
        if (!l.text().isEmpty()) {
          para.createRun().setText(l.text());
        }
      }
    } else if (block instanceof Block.ListBlock l) {
      list(ListTree.of(l.items()), 0, null, null);
    } else if (block instanceof Block.Table t) {
      table(t);
    }
  }

  private void lineFormats(XWPFParagraph para, Line line, boolean indent) {
    String align = line.stringAttr("align");
    if (align != null) {
      para.setAlignment(switch (align) {
        case "center" -> ParagraphAlignment.CENTER;
        case "right" -> ParagraphAlignment.RIGHT;
        case "justify" -> ParagraphAlignment.BOTH;
        default -> ParagraphAlignment.LEFT;
      });
    }
    if ("rtl".equals(line.stringAttr("direction"))) {
      var ppr = para.getCTP().isSetPPr() ? para.getCTP().getPPr() : para.getCTP().addNewPPr();
      ppr.addNewBidi();
    }
    if (indent && line.intAttr("indent") > 0) {
      para.setIndentationLeft(DocxStyles.INDENT_TWIPS * line.intAttr("indent"));
    }
  }

  /**
   * Each list its own numbering instance (an ordered list starts again at 1), except a nested list
   * of its parent's kind: that is the next level of the parent's numbering, as Word writes it.
   */
  private void list(List<ListTree> lists, int level, ListTree parent, BigInteger parentNum) {
    for (ListTree tree : lists) {
      boolean check = tree.kind().equals("check");
      BigInteger num = check ? null
          : parent != null && parent.kind().equals(tree.kind()) ? parentNum : styles.newList(tree.kind().equals("ordered"));
      for (ListTree.Item item : tree.items()) {
        Line line = item.line();
        if (line != null) {
          XWPFParagraph para = doc.createParagraph();
          lineFormats(para, line, false);
          if (check) {
            // Word has no checklist a file can carry portably: a box character, indented like a list item
            para.setIndentationLeft(DocxStyles.INDENT_TWIPS * (level + 1));
            para.createRun().setText(line.list().equals("checked") ? CHECKED : UNCHECKED);
          } else {
            para.setNumID(num);
            para.setNumILvl(BigInteger.valueOf(level));
          }
          runs(para, line);
        }
        list(item.children(), level + 1, tree, num);
      }
    }
  }

  private void table(Block.Table t) {
    int columns = t.rows().stream().mapToInt(List::size).max().orElse(1);
    XWPFTable table = doc.createTable(t.rows().size(), columns);
    table.setWidth("100%");
    for (int r = 0; r < t.rows().size(); r++) {
      XWPFTableRow row = table.getRow(r);
      List<Line> cells = t.rows().get(r);
      for (int c = 0; c < columns; c++) {
        XWPFTableCell cell = row.getCell(c);
        if (c < cells.size()) {
          runs(cell.getParagraphs().get(0), cells.get(c));
        }
      }
    }
    if (t.rows().stream().anyMatch(r -> r.size() != columns)) {
      lost.add("short table rows (padded with empty cells)");
    }
  }

  private void runs(XWPFParagraph para, Line line) {
    for (Run r : line.runs()) {
      String link = r.string("link");
      XWPFRun run = link != null && SafeUrl.isSafeLink(link) ? para.createHyperlinkRun(link) : para.createRun();
      format(run, r, link != null);
      if (r.image() != null) {
        image(run, r);
      } else {
        text(run, r.text());
      }
    }
  }

  /** Text with its tabs as Word tabs. */
  private static void text(XWPFRun run, String text) {
    String[] parts = text.split("\t", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        run.addTab();
      }
      if (!parts[i].isEmpty()) {
        run.setText(parts[i], run.getCTR().sizeOfTArray());
      }
    }
  }

  private void format(XWPFRun run, Run r, boolean link) {
    if (r.is("bold")) {
      run.setBold(true);
    }
    if (r.is("italic")) {
      run.setItalic(true);
    }
    if (r.is("underline") || link) {
      run.setUnderline(UnderlinePatterns.SINGLE);
    }
    if (link && r.string("color") == null) {
      run.setColor("0563C1"); // Word's hyperlink blue
    }
    if (r.is("strike")) {
      run.setStrikeThrough(true);
    }
    if (r.is("code")) {
      run.setStyle(DocxStyles.CODE_CHAR);
    }
    String script = r.string("script");
    if (script != null) {
      run.setVerticalAlignment(script.equals("super") ? "superscript" : "subscript");
    }
    String color = hex(r.string("color"));
    if (color != null) {
      run.setColor(color);
    } else if (r.string("color") != null) {
      lost.add("named text color");
    }
    String background = hex(r.string("background"));
    if (background != null) {
      CTRPr rpr = run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr();
      CTShd shd = rpr.addNewShd();
      shd.setVal(STShd.CLEAR);
      shd.setFill(background);
    } else if (r.string("background") != null) {
      lost.add("named background color");
    }
    String font = r.string("font");
    if ("monospace".equals(font)) {
      run.setFontFamily(DocxStyles.MONO_FONT);
    } else if ("serif".equals(font)) {
      run.setFontFamily(DocxStyles.SERIF_FONT);
    }
    String size = r.string("size");
    if (size != null) {
      switch (size) {
        case "small" -> run.setFontSize(8);
        case "large" -> run.setFontSize(16);
        case "huge" -> run.setFontSize(28);
        default -> { }
      }
    }
  }

  /** {@code #rgb} or {@code #rrggbb} as Word's RRGGBB; null for anything else. */
  static String hex(String color) {
    if (color == null || !color.matches("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")) {
      return null;
    }
    String h = color.substring(1).toUpperCase(Locale.ROOT);
    return h.length() == 3 ? "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2) : h;
  }

  private void image(XWPFRun run, Run r) {
    Optional<ImageSource.Image> found = images.find(r.image());
    PictureType type = found.map(i -> pictureType(i.contentType())).orElse(null);
    BufferedImage decoded = null;
    if (type != null) {
      try {
        decoded = ImageIO.read(new ByteArrayInputStream(found.get().bytes()));
      } catch (IOException | RuntimeException e) {
        decoded = null;
      }
    }
    if (decoded == null) {
      lost.add("image not available (a placeholder text instead)");
      String alt = r.string("alt");
      run.setText("[image" + (alt == null || alt.isEmpty() ? "" : ": " + alt) + "]");
      return;
    }
    int width = decoded.getWidth();
    int height = decoded.getHeight();
    if (r.string("width") != null && r.string("width").matches("\\d{1,4}(px)?")) {
      int w = Integer.parseInt(r.string("width").replace("px", ""));
      height = Math.max(1, height * w / Math.max(1, width));
      width = w;
    }
    if (width > MAX_IMAGE_WIDTH_PX) {
      height = Math.max(1, height * MAX_IMAGE_WIDTH_PX / width);
      width = MAX_IMAGE_WIDTH_PX;
    }
    try {
      XWPFPicture picture = run.addPicture(new ByteArrayInputStream(found.get().bytes()), type, "image",
          Units.pixelToEMU(width), Units.pixelToEMU(height));
      // the alt text where Word keeps it (the drawing's docPr) and where POI reads it (the picture's cNvPr)
      String alt = r.string("alt") == null ? "" : r.string("alt");
      picture.getCTPicture().getNvPicPr().getCNvPr().setDescr(alt);
      if (run.getCTR().sizeOfDrawingArray() > 0 && run.getCTR().getDrawingArray(0).sizeOfInlineArray() > 0) {
        run.getCTR().getDrawingArray(0).getInlineArray(0).getDocPr().setDescr(alt);
      }
    } catch (InvalidFormatException | IOException e) {
      lost.add("image not available (a placeholder text instead)");
      run.setText("[image]");
    }
  }

  private static PictureType pictureType(String contentType) {
    return switch (contentType.toLowerCase(Locale.ROOT)) {
      case "image/png" -> PictureType.PNG;
      case "image/jpeg", "image/jpg" -> PictureType.JPEG;
      case "image/gif" -> PictureType.GIF;
      default -> null;
    };
  }
}
