package io.verso.edit;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delete;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.delta.Op;
import io.verso.delta.Retain;
import io.verso.protocol.ErrorCode;

/**
 * Whether an op fits: its own size in bytes, and, once transformed, whether it applies to the
 * document as the sequencer has it (every sequenced op applied): nothing past the end, the final
 * newline neither deleted nor followed by an insert, no edge inside a surrogate pair (which would
 * leave lone halves that storage cannot keep and pages render apart), and the document within its
 * limits in characters and in bytes ({@link ContentBytes}: an embed or a format is no longer free).
 */
final class DocumentFit {
  private final EditConfig config;

  DocumentFit(EditConfig config) {
    this.config = config;
  }

  /** The op's own size, before it is transformed. */
  void checkOp(Delta op) {
    long bytes = ContentBytes.of(op);
    if (bytes > config.maxOpBytes()) {
      throw ErrorCode.TOO_LARGE.exception("op is " + bytes + " bytes, over " + config.maxOpBytes());
    }
  }

  /** The transformed op against the document it will apply to. */
  void checkApplies(Delta op, Document doc) {
    int docLength = doc.length();
    long pos = 0;
    for (Op o : op.ops()) {
      edge(doc, pos);
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
    edge(doc, pos);
    if ((long) docLength + op.changeLength() > config.maxDocChars()) {
      throw ErrorCode.TOO_LARGE.exception("document would exceed " + config.maxDocChars() + " characters");
    }
    if (doc.byteSize() + doc.growthBound(op) > config.maxDocBytes()) {
      throw ErrorCode.TOO_LARGE.exception("document would exceed " + config.maxDocBytes() + " bytes");
    }
  }

  private static void edge(Document doc, long pos) {
    if (pos < doc.length() && doc.splitsSurrogatePair((int) pos)) {
      throw ErrorCode.INVALID_OP.exception("an op edge at " + pos + " splits a surrogate pair");
    }
  }
}
