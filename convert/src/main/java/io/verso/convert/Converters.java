package io.verso.convert;

import io.verso.delta.Delta;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The entry point: a document to a file of a format, a file of a format to a document. Blocking
 * and CPU-bound: callers run it off the event loop, with a time limit (interrupting a worker
 * thread does not stop a parser; run it where an abandoned conversion can finish harmlessly).
 */
public final class Converters {
  private final ConvertLimits limits;
  private final ImageStore images;

  /** Imports within {@code limits}, images through {@code images}. */
  public Converters(ConvertLimits limits, ImageStore images) {
    this.limits = limits;
    this.images = images;
  }

  /** The default limits; small images kept inline as the op policy allows. */
  public static Converters withDefaults() {
    ConvertLimits l = ConvertLimits.defaults();
    return new Converters(l, ImageStore.inline(l.maxInlineImageBytes()));
  }

  public ConvertLimits limits() {
    return limits;
  }

  /**
   * A file as a document.
   *
   * @throws ConvertException FILE_TOO_LARGE, FILE_MALFORMED, RESULT_TOO_LARGE or FORMAT_UNSUPPORTED
   */
  public ImportResult importFile(DocFormat format, byte[] file) {
    if (file.length > limits.maxInputBytes()) {
      throw new ConvertException(ConvertException.Reason.FILE_TOO_LARGE,
          "the file is over the limit of " + limits.maxInputBytes() + " bytes");
    }
    try {
      return read(format, file);
    } catch (StackOverflowError e) {
      // the walks are bounded in depth; a library's own recursion on a hostile file is the last resort
      throw new ConvertException(ConvertException.Reason.FILE_MALFORMED, "the file is nested too deeply");
    }
  }

  private ImportResult read(DocFormat format, byte[] file) {
    return switch (format) {
      case DOCX -> DocxImporter.read(file, limits, images);
      case MARKDOWN -> MarkdownImporter.read(file, limits, images);
      case HTML -> HtmlImporter.read(file, limits, images);
      case TEXT -> TextImporter.read(file, limits, images);
      case PDF -> throw new ConvertException(ConvertException.Reason.FORMAT_UNSUPPORTED, "PDF files are not imported");
    };
  }

  /**
   * A document as a file.
   *
   * @param doc    the document (inserts only)
   * @param title  its title (HTML and PDF title, DOCX core property)
   * @param source where DOCX and PDF find the bytes of images; the others keep URLs
   */
  public ExportResult export(DocFormat format, Delta doc, String title, ImageSource source) {
    return switch (format) {
      case DOCX -> DocxExporter.export(doc, title, source);
      case MARKDOWN -> MarkdownExporter.export(doc);
      case HTML -> new ExportResult(HtmlExporter.export(doc, title).getBytes(StandardCharsets.UTF_8),
          "text/html; charset=utf-8", List.of());
      case PDF -> PdfExporter.export(doc, title, source, PdfExporter.Page.A4);
      case TEXT -> throw new ConvertException(ConvertException.Reason.FORMAT_UNSUPPORTED,
          "text export stays with the web module's DocExport");
    };
  }

  /** A document as PDF on Letter paper instead of A4. */
  public ExportResult exportPdfLetter(Delta doc, String title, ImageSource source) {
    return PdfExporter.export(doc, title, source, PdfExporter.Page.LETTER);
  }
}
