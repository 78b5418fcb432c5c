package io.verso.convert;

import io.verso.delta.Delta;
import java.util.List;

/**
 * An imported document and what of the file it could not keep.
 *
 * @param content the document (inserts only, ends with a newline)
 * @param skipped one line per kind of content left out or changed, with its count ("footnote (2)")
 */
public record ImportResult(Delta content, List<String> skipped) {
  public ImportResult {
    skipped = List.copyOf(skipped);
  }
}
