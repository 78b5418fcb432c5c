package io.verso.web.api;

import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The "Comments" section at the end of an HTML export: the open threads by number, each with its
 * comments oldest first (author, ISO date, text). Names and texts are what users typed — hostile
 * input — and are escaped; a text's line breaks become {@code <br>}. Resolved threads are left out.
 */
final class CommentsSection {
  private CommentsSection() {}

  /** The threads an export shows, numbered by their place in this list (first is 1): open ones, in document order. */
  static List<CommentThread> numbered(List<CommentThread> threads) {
    return threads.stream().filter(t -> !t.resolved())
        .sorted(Comparator.comparingInt(CommentThread::index)).toList();
  }

  /**
   * The section for {@code numbered} threads, with {@code note} (plain text, may be null) under its
   * heading; empty when there is neither a thread nor a note.
   */
  static String html(List<CommentThread> numbered, String note) {
    if (numbered.isEmpty() && note == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<section class=\"comments\">\n<h2>Comments</h2>\n");
    if (note != null) {
      sb.append("<p class=\"comments-note\">").append(DocExport.escape(note)).append("</p>\n");
    }
    if (!numbered.isEmpty()) {
      sb.append("<ol>\n");
      for (int i = 0; i < numbered.size(); i++) {
        thread(sb, i + 1, numbered.get(i));
      }
      sb.append("</ol>\n");
    }
    return sb.append("</section>\n").toString();
  }

  private static void thread(StringBuilder sb, int n, CommentThread t) {
    sb.append("<li id=\"comment-").append(n).append("\" value=\"").append(n).append("\">\n");
    if (t.detached()) {
      sb.append("<p class=\"comment-detached\">The commented text was deleted.</p>\n");
    }
    for (Comment c : t.comments()) {
      sb.append("<p class=\"comment\"><strong>").append(DocExport.escape(c.name())).append("</strong> ")
          .append(time(c.ts()));
      if (c.editedTs() != null) {
        sb.append(" (edited ").append(time(c.editedTs())).append(')');
      }
      sb.append("<br>\n").append(DocExport.escape(c.text().replace("\r\n", "\n")).replace("\n", "<br>\n")).append("</p>\n");
    }
    sb.append("</li>\n");
  }

  private static String time(long epochMillis) {
    String iso = Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    return "<time datetime=\"" + iso + "\">" + iso + "</time>";
  }
}
