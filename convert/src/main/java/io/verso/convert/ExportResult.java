package io.verso.convert;

import java.util.List;

/**
 * An exported file and what of the document it could not carry.
 *
 * @param bytes       the file
 * @param contentType its media type
 * @param lost        one line per kind of content the format cannot hold or that could not be
 *                    embedded ("image not available (2)"); empty when nothing was lost
 */
public record ExportResult(byte[] bytes, String contentType, List<String> lost) {
  public ExportResult {
    lost = List.copyOf(lost);
  }
}
