package io.verso.convert;

import io.verso.protocol.RichTextFormats;
import java.util.Set;

/**
 * The bounds of one conversion. The defaults are the document limits of docs/protocol.md
 * ("Limits"), so an import never builds a document the edit-service would refuse.
 *
 * @param maxInputBytes       largest file read (20 MiB)
 * @param maxDocChars         longest resulting document, UTF-16 units ({@code edit.maxDocChars})
 * @param maxDocBytes         heaviest resulting document ({@code edit.maxDocBytes}, text and embeds)
 * @param maxInlineImageBytes largest {@code data:} image kept inline ({@code edit.maxInlineImageBytes})
 * @param formats             the formats an import may produce (the shared list; tables only once it has
 *                            {@code table})
 */
public record ConvertLimits(long maxInputBytes, int maxDocChars, long maxDocBytes, int maxInlineImageBytes,
                            Set<String> formats) {
  public static final long DEFAULT_MAX_INPUT_BYTES = 20L * 1024 * 1024;

  public ConvertLimits {
    formats = Set.copyOf(formats);
    if (maxInputBytes <= 0 || maxDocChars <= 0 || maxDocBytes <= 0 || maxInlineImageBytes < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static ConvertLimits defaults() {
    return new ConvertLimits(DEFAULT_MAX_INPUT_BYTES, 4_194_304, 16L * 1024 * 1024, 256 * 1024,
        RichTextFormats.SHARED.formats());
  }

  public ConvertLimits withMaxInputBytes(long bytes) {
    return new ConvertLimits(bytes, maxDocChars, maxDocBytes, maxInlineImageBytes, formats);
  }

  public ConvertLimits withMaxDocChars(int chars) {
    return new ConvertLimits(maxInputBytes, chars, maxDocBytes, maxInlineImageBytes, formats);
  }

  public ConvertLimits withFormats(Set<String> names) {
    return new ConvertLimits(maxInputBytes, maxDocChars, maxDocBytes, maxInlineImageBytes, names);
  }

  boolean allows(String format) {
    return formats.contains(format);
  }
}
