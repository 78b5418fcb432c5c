package io.verso.edit;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.protocol.ErrorCode;

/**
 * What an op may contain and how many parts it may have: the formats and embeds of the shared list
 * with value checks ({@link FormatPolicy}: nothing the browser app cannot render, no script-capable
 * URL), the Verso images an image may show ({@link ImageSources}: its own document's) and count limits. Whether it fits the document (positions, bytes) is {@link DocumentFit}'s.
 */
final class OpPolicy {
  private final EditConfig config;
  private final FormatPolicy formats;
  private final ImageSources images;

  /** {@code docId}: the document whose ops this checks (an image may show only its own uploads). */
  OpPolicy(EditConfig config, String docId) {
    this.config = config;
    this.formats = new FormatPolicy(config.maxInlineImageBytes());
    this.images = new ImageSources(docId);
  }

  /** Checks formats, embeds and the size of one op before it is transformed. */
  void checkContent(Delta op) {
    if (op.ops().size() > config.maxOpComponents()) {
      throw ErrorCode.TOO_LARGE.exception("op has more than " + config.maxOpComponents() + " components");
    }
    long inserted = 0;
    for (Op o : op.ops()) {
      if (o instanceof Insert ins) {
        inserted += ins.length();
        if (ins.embed() != null) {
          formats.checkEmbed(ins.embed());
          images.check((String) ins.embed().get("image"));
        }
        formats.checkAttributes(ins.attributes());
      } else if (o instanceof Retain r) {
        formats.checkAttributes(r.attributes());
      }
    }
    if (inserted > config.maxOpInsertChars()) {
      throw ErrorCode.TOO_LARGE.exception("op inserts more than " + config.maxOpInsertChars() + " characters");
    }
  }
}
