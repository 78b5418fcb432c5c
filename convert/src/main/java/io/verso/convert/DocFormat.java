package io.verso.convert;

import java.util.Locale;
import java.util.Optional;

/** The file formats, each with its media type and extension, and which way it converts. */
public enum DocFormat {
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", true, true),
  MARKDOWN("text/markdown", "md", true, true),
  HTML("text/html", "html", true, true),
  TEXT("text/plain", "txt", true, false),
  PDF("application/pdf", "pdf", false, true);

  private final String contentType;
  private final String extension;
  private final boolean importable;
  private final boolean exportable;

  DocFormat(String contentType, String extension, boolean importable, boolean exportable) {
    this.contentType = contentType;
    this.extension = extension;
    this.importable = importable;
    this.exportable = exportable;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  public boolean importable() {
    return importable;
  }

  public boolean exportable() {
    return exportable;
  }

  /** The format of a {@code Content-Type} header (its parameters ignored). */
  public static Optional<DocFormat> ofContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String type = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals("text/x-markdown")) {
      return Optional.of(MARKDOWN);
    }
    for (DocFormat f : values()) {
      if (f.contentType.equals(type)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format of a file name's extension ({@code .htm} and {@code .markdown} included). */
  public static Optional<DocFormat> ofFileName(String name) {
    int dot = name == null ? -1 : name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "htm" -> Optional.of(HTML);
      case "markdown" -> Optional.of(MARKDOWN);
      default -> {
        for (DocFormat f : values()) {
          if (f.extension.equals(ext)) {
            yield Optional.of(f);
          }
        }
        yield Optional.empty();
      }
    };
  }
}
