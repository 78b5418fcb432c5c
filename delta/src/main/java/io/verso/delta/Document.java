package io.verso.delta;

import java.util.Arrays;
import java.util.Map;

/**
 * A mutable rich-text document for the server side, built for many small edits on large documents.
 *
 * <p>Text lives in a gap buffer of chars (an embed is stored as U+FFFC), so an edit costs a move of
 * the gap from the previous edit position plus the edit itself, never a copy of the whole text.
 * Formatting lives beside it as run-length spans (length, attributes, embed): a document without
 * formatting is a single span, and typing inside a span only changes its length. A cached cursor
 * (span index and start) makes locating the span of a nearby edit O(1) amortised.
 *
 * <p>{@link #apply} gives exactly {@code toDelta().compose(change)}; it validates before touching
 * anything, so a rejected change leaves the document unchanged. Its size in bytes
 * ({@link #byteSize}, the {@link ContentBytes} measure of {@link #toDelta}) is kept as it changes,
 * for the byte limits of documents. Not thread-safe.
 */
public final class Document {
  private static final char EMBED_CHAR = '\uFFFC';

  private char[] buf;
  private int gapStart;
  private int gapEnd;

  private int[] runLen;
  private Map<String, Object>[] runAttrs;
  private Map<String, Object>[] runEmbed;
  private int runCount;

  /** UTF-8 bytes of the text runs' characters (embed placeholders excluded). */
  private long textBytes;
  /** Sum over runs of {@link #runBytes(Map, Map)}. */
  private long runBytes;

  /** Cursor cache: run index and the document position where that run starts. */
  private int cacheRun;
  private int cacheStart;

  /** Output of {@link #locate}. */
  private int foundRun;
  private int foundStart;

  public Document() {
    this(64);
  }

  private Document(int capacity) {
    buf = new char[Math.max(16, capacity)];
    gapStart = 0;
    gapEnd = buf.length;
    runLen = new int[8];
    runAttrs = newMapArray(8);
    runEmbed = newMapArray(8);
  }

  /** A document holding {@code content}, which must contain only inserts. */
  public Document(Delta content) {
    this(content.length() + 64);
    if (!content.isDocument()) {
      throw new InvalidDeltaException("document content must contain only inserts");
    }
    apply(content);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newMapArray(int n) {
    return (Map<String, Object>[]) new Map<?, ?>[n];
  }

  public int length() {
    return buf.length - (gapEnd - gapStart);
  }

  /** The document's size in bytes: exactly {@code ContentBytes.of(toDelta())}, kept as it changes. */
  public long byteSize() {
    return textBytes + runBytes;
  }

  /** The UTF-16 unit at {@code pos} (an embed is U+FFFC). */
  public char charAt(int pos) {
    if (pos < 0 || pos >= length()) {
      throw new IndexOutOfBoundsException("position " + pos + " of " + length());
    }
    return pos < gapStart ? buf[pos] : buf[pos + gapEnd - gapStart];
  }

  /** Whether {@code pos} falls between the two halves of a surrogate pair. */
  public boolean splitsSurrogatePair(int pos) {
    return pos > 0 && pos < length()
        && Character.isHighSurrogate(charAt(pos - 1)) && Character.isLowSurrogate(charAt(pos));
  }

  /** An independent copy (attribute and embed maps are immutable and shared). */
  public Document copy() {
    Document d = new Document(16);
    d.buf = buf.clone();
    d.gapStart = gapStart;
    d.gapEnd = gapEnd;
    d.runLen = runLen.clone();
    d.runAttrs = runAttrs.clone();
    d.runEmbed = runEmbed.clone();
    d.runCount = runCount;
    d.textBytes = textBytes;
    d.runBytes = runBytes;
    return d;
  }

  /**
   * An upper bound of how much {@link #byteSize} grows when {@code change} is applied, computed
   * without applying it (a change that would make a document too large is refused before it
   * touches anything). Exact but for run merges, which only make the real growth smaller. Costs
   * one step per run the change formats.
   */
  public long growthBound(Delta change) {
    int len = length();
    long bound = 0;
    int pos = 0;
    for (Op op : change.ops()) {
      if (op instanceof Insert ins) {
        bound += ContentBytes.of(ins) + splitCost(pos, len);
      } else if (op instanceof Retain r) {
        if (r.attributes() != null) {
          int end = (int) Math.min((long) pos + r.length(), len);
          bound += splitCost(pos, len) + splitCost(end, len);
          for (int p = pos; p < end; p = foundStart + runLen[foundRun]) {
            locate(p);
            long before = ContentBytes.ofMap(runAttrs[foundRun]);
            long after = ContentBytes.ofMap(AttributeMaps.compose(runAttrs[foundRun], r.attributes(), false));
            bound += Math.max(0, after - before);
          }
        }
        pos += r.length();
      } else {
        pos += op.length();
      }
    }
    return bound;
  }

  /** Splitting the run around {@code pos} (strictly inside it) duplicates its structure and attributes. */
  private long splitCost(int pos, int len) {
    if (pos <= 0 || pos >= len) {
      return 0;
    }
    locate(pos);
    return foundStart == pos ? 0 : ContentBytes.PER_PART + ContentBytes.ofMap(runAttrs[foundRun]);
  }

  private static long runBytes(Map<String, Object> attrs, Map<String, Object> embed) {
    return ContentBytes.PER_PART + ContentBytes.ofMap(attrs) + ContentBytes.ofMap(embed);
  }

  /**
   * Applies a change. The change may be shorter than the document (implicit trailing retain);
   * retains and deletes running past the end are rejected with {@link InvalidDeltaException}, and
   * then the document is unchanged.
   */
  public void apply(Delta change) {
    int len = length();
    if (change.baseLength() > len) {
      throw new InvalidDeltaException("change spans " + change.baseLength()
          + " code units but the document has " + len);
    }
    long newLength = (long) len + change.changeLength();
    if (newLength > Integer.MAX_VALUE - 16) {
      throw new InvalidDeltaException("document would exceed the maximum length");
    }
    int pos = 0;
    int n = change.size();
    for (int i = 0; i < n; i++) {
      Op op = change.op(i);
      if (op instanceof Insert ins) {
        insert(pos, ins);
        pos += ins.length();
      } else if (op instanceof Retain r) {
        if (r.attributes() != null) {
          format(pos, r.length(), r.attributes());
        }
        pos += r.length();
      } else {
        delete(pos, op.length());
      }
    }
  }

  /** The document as a canonical delta (only inserts). */
  public Delta toDelta() {
    Delta.Builder b = Delta.builder();
    int start = 0;
    for (int i = 0; i < runCount; i++) {
      int l = runLen[i];
      if (runEmbed[i] != null) {
        b.insertEmbed(runEmbed[i], runAttrs[i]);
      } else {
        b.insert(text(start, start + l), runAttrs[i]);
      }
      start += l;
    }
    return b.build();
  }

  /** The text, each embed as U+FFFC. */
  public String plainText() {
    return text(0, length());
  }

  @Override
  public String toString() {
    return toDelta().toString();
  }

  // ---------------------------------------------------------------- text (gap buffer)

  private String text(int start, int end) {
    if (end <= gapStart) {
      return new String(buf, start, end - start);
    }
    int gap = gapEnd - gapStart;
    if (start >= gapStart) {
      return new String(buf, start + gap, end - start);
    }
    StringBuilder sb = new StringBuilder(end - start);
    sb.append(buf, start, gapStart - start);
    sb.append(buf, gapEnd, end - gapStart);
    return sb.toString();
  }

  private void moveGap(int pos) {
    if (pos < gapStart) {
      int count = gapStart - pos;
      System.arraycopy(buf, pos, buf, gapEnd - count, count);
      gapStart = pos;
      gapEnd -= count;
    } else if (pos > gapStart) {
      int count = pos - gapStart;
      System.arraycopy(buf, gapEnd, buf, gapStart, count);
      gapStart += count;
      gapEnd += count;
    }
  }

  private void ensureGap(int n) {
    if (gapEnd - gapStart >= n) {
      return;
    }
    int len = length();
    int capacity = Math.max(buf.length * 2, len + n + 64);
    char[] next = new char[capacity];
    System.arraycopy(buf, 0, next, 0, gapStart);
    int tail = buf.length - gapEnd;
    System.arraycopy(buf, gapEnd, next, capacity - tail, tail);
    gapEnd = capacity - tail;
    buf = next;
  }

  private void insertChars(int pos, Insert ins) {
    int n = ins.length();
    ensureGap(n);
    moveGap(pos);
    String text = ins.text();
    if (text != null) {
      text.getChars(0, n, buf, gapStart);
      textBytes += ContentBytes.utf8(text);
    } else {
      buf[gapStart] = EMBED_CHAR;
    }
    gapStart += n;
  }

  // ---------------------------------------------------------------- spans

  /** Finds the run containing {@code pos} (0 <= pos < length) into foundRun/foundStart. */
  private void locate(int pos) {
    int i = cacheRun;
    int s = cacheStart;
    if (i > runCount) {
      i = 0;
      s = 0;
    }
    if (pos < s) {
      if (pos < s / 2) {
        i = 0;
        s = 0;
      } else {
        while (pos < s) {
          i--;
          s -= runLen[i];
        }
      }
    }
    while (s + runLen[i] <= pos) {
      s += runLen[i];
      i++;
    }
    foundRun = i;
    foundStart = s;
    cacheRun = i;
    cacheStart = s;
  }

  private void ensureRuns(int extra) {
    if (runCount + extra <= runLen.length) {
      return;
    }
    int capacity = Math.max(runLen.length * 2, runCount + extra);
    runLen = Arrays.copyOf(runLen, capacity);
    runAttrs = Arrays.copyOf(runAttrs, capacity);
    runEmbed = Arrays.copyOf(runEmbed, capacity);
  }

  private void insertRun(int index, int len, Map<String, Object> attrs, Map<String, Object> embed) {
    ensureRuns(1);
    int tail = runCount - index;
    if (tail > 0) {
      System.arraycopy(runLen, index, runLen, index + 1, tail);
      System.arraycopy(runAttrs, index, runAttrs, index + 1, tail);
      System.arraycopy(runEmbed, index, runEmbed, index + 1, tail);
    }
    runLen[index] = len;
    runAttrs[index] = attrs;
    runEmbed[index] = embed;
    runCount++;
    runBytes += runBytes(attrs, embed);
  }

  private void removeRuns(int index, int count) {
    if (count <= 0) {
      return;
    }
    for (int i = index; i < index + count; i++) {
      runBytes -= runBytes(runAttrs[i], runEmbed[i]);
    }
    int tail = runCount - index - count;
    if (tail > 0) {
      System.arraycopy(runLen, index + count, runLen, index, tail);
      System.arraycopy(runAttrs, index + count, runAttrs, index, tail);
      System.arraycopy(runEmbed, index + count, runEmbed, index, tail);
    }
    for (int i = runCount - count; i < runCount; i++) {
      runAttrs[i] = null;
      runEmbed[i] = null;
    }
    runCount -= count;
  }

  private boolean textWith(int run, Map<String, Object> attrs) {
    return runEmbed[run] == null && Values.deepEquals(runAttrs[run], attrs);
  }

  private void insert(int pos, Insert ins) {
    insertChars(pos, ins);
    int n = ins.length();
    Map<String, Object> attrs = ins.attributes();
    Map<String, Object> embed = ins.embed();
    if (runCount == 0) {
      insertRun(0, n, attrs, embed);
      cacheRun = 0;
      cacheStart = 0;
      return;
    }
    if (pos == 0) {
      if (embed == null && textWith(0, attrs)) {
        runLen[0] += n;
      } else {
        insertRun(0, n, attrs, embed);
      }
      cacheRun = 0;
      cacheStart = 0;
      return;
    }
    // length() already includes the new chars; runs still describe the old document.
    locate(pos - 1);
    int i = foundRun;
    int s = foundStart;
    int end = s + runLen[i];
    if (embed == null && textWith(i, attrs)) {
      runLen[i] += n;
      return;
    }
    if (pos < end) {
      // Split run i at pos and put the new run in between.
      int rest = end - pos;
      runLen[i] = pos - s;
      insertRun(i + 1, rest, runAttrs[i], null);
      insertRun(i + 1, n, attrs, embed);
      return;
    }
    if (embed == null && i + 1 < runCount && textWith(i + 1, attrs)) {
      runLen[i + 1] += n;
      return;
    }
    insertRun(i + 1, n, attrs, embed);
  }

  private void delete(int pos, int n) {
    moveGap(pos);
    long deletedBytes = 0;
    for (int k = gapEnd; k < gapEnd + n; k++) {
      deletedBytes += ContentBytes.utf8(buf[k]);
    }
    gapEnd += n;

    locate(pos);
    int i = foundRun;
    int s = foundStart;
    int remaining = n;
    int offset = pos - s;
    if (offset > 0) {
      int take = Math.min(runLen[i] - offset, remaining);
      runLen[i] -= take;
      remaining -= take;
      i++;
    }
    int first = i;
    while (remaining > 0) {
      if (runLen[i] <= remaining) {
        remaining -= runLen[i];
        i++;
      } else {
        runLen[i] -= remaining;
        remaining = 0;
      }
    }
    for (int k = first; k < i; k++) {
      if (runEmbed[k] != null) {
        deletedBytes -= ContentBytes.utf8(EMBED_CHAR); // an embed's placeholder is not text
      }
    }
    textBytes -= deletedBytes;
    removeRuns(first, i - first);
    // Merge the runs that now touch at pos.
    int left = first - 1;
    int right = first;
    int leftStart = offset > 0 ? s : (left >= 0 ? pos - runLen[left] : 0);
    if (left >= 0 && right < runCount && runEmbed[left] == null && runEmbed[right] == null
        && Values.deepEquals(runAttrs[left], runAttrs[right])) {
      runLen[left] += runLen[right];
      removeRuns(right, 1);
    }
    if (left >= 0) {
      cacheRun = left;
      cacheStart = leftStart;
    } else {
      cacheRun = 0;
      cacheStart = 0;
    }
  }

  /** Makes {@code pos} (0 < pos < length) a run boundary; returns the index of the run starting there. */
  private int splitAt(int pos) {
    locate(pos);
    int i = foundRun;
    int s = foundStart;
    if (s == pos) {
      return i;
    }
    int rest = s + runLen[i] - pos;
    runLen[i] = pos - s;
    insertRun(i + 1, rest, runAttrs[i], null);
    return i + 1;
  }

  private void format(int pos, int n, Map<String, Object> attrs) {
    int len = length();
    int first = pos == 0 ? 0 : splitAt(pos);
    int last = pos + n >= len ? runCount : splitAt(pos + n);
    for (int j = first; j < last; j++) {
      runBytes -= runBytes(runAttrs[j], runEmbed[j]);
      runAttrs[j] = Values.freezeAttributes(AttributeMaps.compose(runAttrs[j], attrs, false));
      runBytes += runBytes(runAttrs[j], runEmbed[j]);
    }
    // Merge equal neighbouring text runs in [first - 1, last].
    int from = Math.max(0, first - 1);
    int to = Math.min(runCount - 1, last);
    int w = from;
    for (int r = from + 1; r <= to; r++) {
      if (runEmbed[w] == null && runEmbed[r] == null
          && Values.deepEquals(runAttrs[w], runAttrs[r])) {
        runLen[w] += runLen[r];
        runBytes -= runBytes(runAttrs[r], runEmbed[r]);
      } else {
        w++;
        runLen[w] = runLen[r];
        runAttrs[w] = runAttrs[r];
        runEmbed[w] = runEmbed[r];
      }
    }
    int removed = to - w;
    if (removed > 0) {
      int tail = runCount - (to + 1);
      System.arraycopy(runLen, to + 1, runLen, w + 1, tail);
      System.arraycopy(runAttrs, to + 1, runAttrs, w + 1, tail);
      System.arraycopy(runEmbed, to + 1, runEmbed, w + 1, tail);
      for (int k = runCount - removed; k < runCount; k++) {
        runAttrs[k] = null;
        runEmbed[k] = null;
      }
      runCount -= removed;
    }
    cacheRun = 0;
    cacheStart = 0;
  }
}
