package io.verso.edit;

import io.verso.delta.Delete;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.protocol.ErrorCode;

/**
 * What an op may contain and how big it may be: the formats and embeds of the shared list with value
 * checks ({@link FormatPolicy}: nothing the browser app cannot render, no script-capable URL), size
 * limits, and the invariant that a document always ends with its final newline (as Quill requires).
 */
final class OpPolicy {
  private final EditConfig config;
  private final FormatPolicy formats;

  OpPolicy(EditConfig config) {
    this.config = config;
    this.formats = new FormatPolicy(config.maxInlineImageBytes());
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

  /**
   * Checks that a (transformed) op applies to a document of {@code docLength}: nothing past the end,
   * the final newline neither deleted nor followed by an insert, the result within the size limit.
   */
  void checkApplies(Delta op, int docLength) {
    long pos = 0;
    for (Op o : op.ops()) {
      if (o instanceof Retain r) {
        pos += r.length();
        if (pos > docLength) {
          throw ErrorCode.INVALID_OP.exception("retain past the end of the document");
        }
      } else if (o instanceof Delete d) {
        pos += d.length();
        if (pos > docLength) {
          throw ErrorCode.INVALID_OP.exception("delete past the end of the document");
        }
        if (pos == docLength) {
          throw ErrorCode.INVALID_OP.exception("the final newline cannot be deleted");
        }
      } else if (pos >= docLength) {
        throw ErrorCode.INVALID_OP.exception("insert after the final newline");
      }
    }
    if ((long) docLength + op.changeLength() > config.maxDocChars()) {
      throw ErrorCode.TOO_LARGE.exception("document would exceed " + config.maxDocChars() + " characters");
    }
  }
}
