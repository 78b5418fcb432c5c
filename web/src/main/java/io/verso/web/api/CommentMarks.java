package io.verso.web.api;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.protocol.comments.CommentThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Comment threads as marks in the HTML export (docs/comments.md, "Export"). {@link #mark} gives a
 * copy of the content where every piece of text carries one attribute per thread covering it (key
 * {@value #KEY}{@code <number>}), composed onto the content as retains, so the HTML writer needs no
 * notion of anchors: it passes each rendered piece's attributes to {@link #wrap}, which turns them into
 * {@code <mark class="comment" data-comments="1 3">…</mark>} and, on the last visible piece of a
 * thread's range, its numbered reference to the Comments section. Threads may overlap.
 */
final class CommentMarks {
  /** Not a format name (the sequencer refuses unknown formats), so never in a document's content. */
  static final String KEY = "verso.comment.";
  /** The attribute value on the last visible piece of a thread's range (true on the others). */
  static final String END = "end";
  private static final char EMBED = '\uFFFC';

  private record Span(int from, int to, String key, Object value) {}

  private CommentMarks() {}

  /**
   * {@code content} (a document) with the ranges of {@code numbered} marked, thread {@code i} as
   * number {@code i + 1}. Detached and empty ranges, and ranges holding only line ends (nothing is
   * drawn for a line end), get no mark. Range edges inside a surrogate pair move outwards, so no mark
   * splits a character.
   */
  static Delta mark(Delta content, List<CommentThread> numbered) {
    String text = text(content);
    TreeMap<Integer, List<Span>> starts = new TreeMap<>();
    TreeMap<Integer, List<Span>> ends = new TreeMap<>();
    for (int i = 0; i < numbered.size(); i++) {
      for (Span s : spans(numbered.get(i), KEY + (i + 1), text)) {
        starts.computeIfAbsent(s.from(), k -> new ArrayList<>()).add(s);
        ends.computeIfAbsent(s.to(), k -> new ArrayList<>()).add(s);
      }
    }
    TreeSet<Integer> edges = new TreeSet<>(starts.keySet());
    edges.addAll(ends.keySet());
    Delta.Builder marks = Delta.builder();
    Map<String, Object> active = new HashMap<>();
    int at = 0;
    for (int edge : edges) {
      marks.retain(edge - at, active.isEmpty() ? null : new HashMap<>(active));
      at = edge;
      ends.getOrDefault(edge, List.of()).forEach(s -> active.remove(s.key()));
      starts.getOrDefault(edge, List.of()).forEach(s -> active.put(s.key(), s.value()));
    }
    return content.compose(marks.build());
  }

  /** The pieces of one thread's range: the range before its last visible unit, that unit ({@link #END}), the line ends after. */
  private static List<Span> spans(CommentThread t, String key, String text) {
    int from = Math.min(t.index(), text.length());
    int to = (int) Math.min((long) t.index() + t.length(), text.length());
    if (t.detached() || from >= to) {
      return List.of();
    }
    if (from > 0 && Character.isSurrogatePair(text.charAt(from - 1), text.charAt(from))) {
      from--;
    }
    if (to < text.length() && Character.isSurrogatePair(text.charAt(to - 1), text.charAt(to))) {
      to++;
    }
    int last = to - 1;
    while (last >= from && text.charAt(last) == '\n') {
      last--;
    }
    if (last < from) {
      return List.of();
    }
    int lastFrom = last > from && Character.isSurrogatePair(text.charAt(last - 1), text.charAt(last)) ? last - 1 : last;
    List<Span> spans = new ArrayList<>(3);
    if (from < lastFrom) {
      spans.add(new Span(from, lastFrom, key, true));
    }
    spans.add(new Span(lastFrom, last + 1, key, END));
    if (last + 1 < to) {
      spans.add(new Span(last + 1, to, key, true));
    }
    return spans;
  }

  /** The document's text, an embed as one U+FFFC (an embed is one unit long). */
  private static String text(Delta content) {
    StringBuilder sb = new StringBuilder(content.length());
    for (Op op : content.ops()) {
      if (op instanceof Insert ins) {
        sb.append(ins.isEmbed() ? String.valueOf(EMBED) : ins.text());
      }
    }
    return sb.toString();
  }

  /**
   * {@code html} (one rendered piece of text or an image) inside a mark naming the threads in
   * {@code attrs}, followed by the reference of each thread whose range it ends; unchanged when no
   * thread covers it.
   */
  static String wrap(Map<String, Object> attrs, String html) {
    if (attrs == null || html.isEmpty()) {
      return html;
    }
    TreeMap<Integer, Boolean> threads = new TreeMap<>();
    attrs.forEach((key, value) -> {
      int n = number(key);
      if (n > 0) {
        threads.put(n, END.equals(value));
      }
    });
    if (threads.isEmpty()) {
      return html;
    }
    StringBuilder ids = new StringBuilder();
    StringBuilder refs = new StringBuilder();
    threads.forEach((n, ends) -> {
      ids.append(ids.isEmpty() ? "" : " ").append(n);
      if (ends) {
        refs.append("<sup class=\"comment-ref\"><a href=\"#comment-").append(n).append("\">").append(n).append("</a></sup>");
      }
    });
    return "<mark class=\"comment\" data-comments=\"" + ids + "\">" + html + "</mark>" + refs;
  }

  /** The thread number of a mark key, or 0 when {@code key} is not one. */
  private static int number(String key) {
    if (!key.startsWith(KEY) || key.length() == KEY.length() || key.length() > KEY.length() + 6) {
      return 0;
    }
    int n = 0;
    for (int i = KEY.length(); i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
