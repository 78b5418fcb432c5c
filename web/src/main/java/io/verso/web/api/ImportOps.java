package io.verso.web.api;

import io.verso.delta.ContentBytes;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An imported document as the ops that build it from a new, empty document ({@code "\n"}), each
 * within one op's limits: a document may be up to {@code edit.maxDocChars} long, far more than one op
 * may insert, so a large import is several consecutive revisions by its importer. Each op appends at
 * the end of what the previous ones built, before the empty document's own final newline, which the
 * last op formats as the imported document's last line.
 */
public final class ImportOps {
  /** One op's limits (edit.maxOpInsertChars, edit.maxOpComponents, edit.maxOpBytes). */
  public record Limits(int maxChars, int maxComponents, long maxBytes) {
    public Limits {
      if (maxChars < 2 || maxComponents < 3 || maxBytes < 4 * ContentBytes.PER_PART) {
        throw new IllegalArgumentException("op limits too small to import anything");
      }
    }
  }

  private ImportOps() {}

  /** The ops, in order; none for an empty document. {@code content} is a document (inserts, ends with a newline). */
  public static List<Delta> of(Delta content, Limits limits) {
    if (!content.isDocument() || content.length() == 0) {
      throw new IllegalArgumentException("not a document");
    }
    List<Op> ops = content.ops();
    Insert last = (Insert) ops.get(ops.size() - 1);
    Map<String, Object> lastLine = last.attributes() == null ? Map.of() : last.attributes();
    List<Insert> body = new ArrayList<>();
    for (int i = 0; i < ops.size() - 1; i++) {
      body.add((Insert) ops.get(i));
    }
    if (last.length() > 1) {
      body.add(new Insert(last.text().substring(0, last.text().length() - 1), last.attributes()));
    }
    // room left in each op for its leading retain and the final line's retain
    long maxBytes = limits.maxBytes() - 2L * ContentBytes.PER_PART - ContentBytes.ofMap(lastLine);
    int maxComponents = limits.maxComponents() - 2;
    List<Delta> result = new ArrayList<>();
    Chunk chunk = new Chunk(0);
    for (Insert ins : body) {
      for (Insert piece : pieces(ins, limits.maxChars(), maxBytes)) {
        if (!chunk.fits(piece, limits.maxChars(), maxComponents, maxBytes)) {
          result.add(chunk.build());
          chunk = new Chunk(chunk.end());
        }
        chunk.add(piece);
      }
    }
    if (!lastLine.isEmpty() || !chunk.isEmpty()) {
      result.add(chunk.build(lastLine));
    }
    return result;
  }

  /** An insert cut into pieces that each fit an op alone (never between the halves of a surrogate pair). */
  private static List<Insert> pieces(Insert ins, int maxChars, long maxBytes) {
    if (ins.isEmbed()) {
      return List.of(ins);
    }
    String text = ins.text();
    long room = maxBytes - ContentBytes.PER_PART - ContentBytes.ofMap(ins.attributes());
    // a UTF-16 unit is at most 3 bytes in UTF-8 (a surrogate pair 4 for 2 units)
    int step = (int) Math.max(1, Math.min(maxChars, room / 3));
    if (text.length() <= step) {
      return List.of(ins);
    }
    List<Insert> out = new ArrayList<>();
    for (int from = 0; from < text.length(); ) {
      int to = Math.min(text.length(), from + step);
      if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--;
      }
      out.add(new Insert(text.substring(from, to), ins.attributes()));
      from = to;
    }
    return out;
  }

  /** One op being gathered: the inserts appended after {@code at} units of what is built already. */
  private static final class Chunk {
    private final int at;
    private final List<Insert> inserts = new ArrayList<>();
    private int chars;
    private long bytes;

    Chunk(int at) {
      this.at = at;
    }

    boolean isEmpty() {
      return inserts.isEmpty();
    }

    int end() {
      return at + chars;
    }

    boolean fits(Insert piece, int maxChars, int maxComponents, long maxBytes) {
      return inserts.isEmpty() || (chars + piece.length() <= maxChars && inserts.size() + 1 <= maxComponents
          && bytes + ContentBytes.of(piece) <= maxBytes);
    }

    void add(Insert piece) {
      inserts.add(piece);
      chars += piece.length();
      bytes += ContentBytes.of(piece);
    }

    Delta build() {
      return build(Map.of());
    }

    Delta build(Map<String, Object> lastLine) {
      Delta.Builder b = Delta.builder().retain(at);
      for (Insert i : inserts) {
        b.push(i);
      }
      if (!lastLine.isEmpty()) {
        b.retain(1, lastLine);
      }
      return b.build().chop();
    }
  }
}
