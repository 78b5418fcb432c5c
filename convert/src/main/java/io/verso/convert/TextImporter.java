package io.verso.convert;

import java.util.Map;

/** Plain UTF-8 text: a line a line, nothing formatted. */
final class TextImporter {
  private TextImporter() {}

  static ImportResult read(byte[] bytes, ConvertLimits limits, ImageStore images) {
    DeltaWriter out = new DeltaWriter(limits, images);
    String text = MarkdownImporter.utf8(bytes).replace("\r\n", "\n").replace('\r', '\n');
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    for (String line : text.split("\n", -1)) {
      out.text(line, Map.of());
      out.endLine(Map.of());
    }
    return out.finish();
  }
}
