package io.verso.convert;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The styles and numbering definitions a DOCX export uses, named as Word names its built-in ones
 * (Heading 1–6, Quote) so Word, LibreOffice and Google Docs show them as such: headings are real
 * outline levels, lists real numbering (bullet and decimal, nine levels).
 */
final class DocxStyles {
  static final String CODE = "SourceCode";
  static final String CODE_CHAR = "VerbatimChar";
  static final String QUOTE = "Quote";
  static final String MONO_FONT = "Courier New";
  static final String SERIF_FONT = "Times New Roman";
  /** Word's indent step: half an inch in twentieths of a point. */
  static final int INDENT_TWIPS = 720;

  private final XWPFNumbering numbering;
  private final BigInteger bulletAbstract;
  private final BigInteger orderedAbstract;

  DocxStyles(XWPFDocument doc) {
    XWPFStyles styles = doc.createStyles();
    paragraphStyle(styles, "Normal", "Normal", null);
    for (int level = 1; level <= 6; level++) {
      CTStyle h = paragraphStyle(styles, "Heading" + level, "heading " + level, "Normal");
      CTPPrGeneral ppr = h.addNewPPr();
      ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
      ppr.addNewKeepNext();
      ppr.addNewSpacing().setBefore(BigInteger.valueOf(240));
      CTRPr rpr = h.addNewRPr();
      rpr.addNewB();
      rpr.addNewSz().setVal(BigInteger.valueOf(new int[] {40, 32, 28, 26, 24, 22}[level - 1]));
    }
    CTStyle quote = paragraphStyle(styles, QUOTE, "Quote", "Normal");
    quote.addNewPPr().addNewInd().setLeft(BigInteger.valueOf(INDENT_TWIPS));
    quote.addNewRPr().addNewI();
    CTStyle code = paragraphStyle(styles, CODE, "Source Code", "Normal");
    CTPPrGeneral codePpr = code.addNewPPr();
    codePpr.addNewSpacing().setAfter(BigInteger.ZERO);
    codePpr.addNewShd().setVal(STShd.CLEAR);
    codePpr.getShd().setFill("F4F4F4");
    mono(code.addNewRPr());
    CTStyle codeChar = CTStyle.Factory.newInstance();
    codeChar.setStyleId(CODE_CHAR);
    codeChar.setType(STStyleType.CHARACTER);
    codeChar.addNewName().setVal("Verbatim Char");
    mono(codeChar.addNewRPr());
    styles.addStyle(new XWPFStyle(codeChar, styles));

    numbering = doc.createNumbering();
    bulletAbstract = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(0, false), numbering));
    orderedAbstract = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum(1, true), numbering));
  }

  /** A new list: its own numbering instance, so an ordered list starts again at 1. */
  BigInteger newList(boolean ordered) {
    CTNum num = CTNum.Factory.newInstance();
    BigInteger id = BigInteger.valueOf(numbering.getNums().size() + 1L);
    num.setNumId(id);
    num.addNewAbstractNumId().setVal(ordered ? orderedAbstract : bulletAbstract);
    if (ordered) {
      for (int level = 0; level < 9; level++) {
        CTNumLvl override = num.addNewLvlOverride();
        override.setIlvl(BigInteger.valueOf(level));
        override.addNewStartOverride().setVal(BigInteger.ONE);
      }
    }
    return numbering.addNum(new org.apache.poi.xwpf.usermodel.XWPFNum(num, numbering));
  }

  private static CTAbstractNum abstractNum(int id, boolean ordered) {
    CTAbstractNum a = CTAbstractNum.Factory.newInstance();
    a.setAbstractNumId(BigInteger.valueOf(id));
    String[] bullets = {"\u2022", "\u25e6", "\u25aa"};
    for (int level = 0; level < 9; level++) {
      CTLvl l = a.addNewLvl();
      l.setIlvl(BigInteger.valueOf(level));
      l.addNewStart().setVal(BigInteger.ONE);
      if (ordered) {
        l.addNewNumFmt().setVal(new STNumberFormat.Enum[] {STNumberFormat.DECIMAL, STNumberFormat.LOWER_LETTER,
            STNumberFormat.LOWER_ROMAN}[level % 3]);
        l.addNewLvlText().setVal("%" + (level + 1) + ".");
      } else {
        l.addNewNumFmt().setVal(STNumberFormat.BULLET);
        l.addNewLvlText().setVal(bullets[level % 3]);
      }
      l.addNewLvlJc().setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STJc.LEFT);
      var ind = l.addNewPPr().addNewInd();
      ind.setLeft(BigInteger.valueOf((long) INDENT_TWIPS * (level + 1)));
      ind.setHanging(BigInteger.valueOf(360));
    }
    return a;
  }

  private static CTStyle paragraphStyle(XWPFStyles styles, String id, String name, String basedOn) {
    CTStyle s = CTStyle.Factory.newInstance();
    s.setStyleId(id);
    s.setType(STStyleType.PARAGRAPH);
    s.addNewName().setVal(name);
    if (basedOn != null) {
      s.addNewBasedOn().setVal(basedOn);
      s.addNewNext().setVal("Normal");
    }
    s.addNewQFormat();
    styles.addStyle(new XWPFStyle(s, styles));
    return s;
  }

  private static void mono(CTRPr rpr) {
    CTFonts f = rpr.addNewRFonts();
    f.setAscii(MONO_FONT);
    f.setHAnsi(MONO_FONT);
    f.setCs(MONO_FONT);
  }
}
