package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Comments in the HTML export: the marks {@link CommentMarks} puts on the content and the HTML
 * writer draws, the Comments section, numbering, and escaping of what users typed.
 */
class CommentExportTest {
  private static final long TS = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
  private static final String MARK = "<mark class=\"comment\" data-comments=\"";

  private static CommentThread thread(String id, int index, int length, boolean detached, boolean resolved,
      Comment... comments) {
    return new CommentThread(id, 7, index, length, detached, resolved, resolved ? "u1" : null,
        resolved ? TS : null, List.of(comments));
  }

  private static CommentThread thread(String id, int index, int length) {
    return thread(id, index, length, false, false, new Comment(id + "-c", "u1", "Ann", "note " + id, TS, null));
  }

  private static String body(Delta content, List<CommentThread> threads) {
    HtmlExport.Read read = new HtmlExport.Read("T", DeltaJson.toJson(content), threads, true, null);
    String html = HtmlExport.render(read);
    return html.substring(html.indexOf("<body>\n") + 7, html.indexOf("</body>"));
  }

  private static String ref(int n) {
    return "<sup class=\"comment-ref\"><a href=\"#comment-" + n + "\">" + n + "</a></sup>";
  }

  @Test
  void overlappingThreadsMarkEachPieceWithEveryThreadOverIt() {
    Delta doc = Delta.builder().insert("Hello brave world\n").build();
    // numbered by place in the document, not by list order: "brave world" is 2
    String body = body(doc, List.of(thread("b", 6, 11), thread("a", 0, 11)));
    assertThat(body).startsWith("<p>" + MARK + "1\">Hello </mark>" + MARK + "1 2\">brav</mark>" + MARK + "1 2\">e</mark>"
        + ref(1) + MARK + "2\"> worl</mark>" + MARK + "2\">d</mark>" + ref(2) + "</p>\n");
    assertThat(body.indexOf("id=\"comment-1\"")).isLessThan(body.indexOf("note a")).isLessThan(body.indexOf("note b"));
    assertThat(body.indexOf("id=\"comment-2\"")).isLessThan(body.indexOf("note b")).isGreaterThan(body.indexOf("note a"));
  }

  @Test
  void aThreadAcrossTwoParagraphsIsMarkedInBothAndReferencedWhereItsTextEnds() {
    Delta doc = DeltaJson.fromJson(new JsonArray("""
        [{"insert":"One "},{"insert":"two","attributes":{"bold":true}},{"insert":"\\nThree four\\n"}]"""));
    // "two\nThr" and, ending on a line end, "One two\n": the reference goes after the last drawn character
    String body = body(doc, List.of(thread("x", 4, 7), thread("y", 0, 8)));
    assertThat(body).startsWith("<p>" + MARK + "1\">One </mark>" + MARK + "1 2\"><strong>tw</strong></mark>"
        + MARK + "1 2\"><strong>o</strong></mark>" + ref(1) + "</p>\n"
        + "<p>" + MARK + "2\">Th</mark>" + MARK + "2\">r</mark>" + ref(2) + "ee four</p>\n");
  }

  @Test
  void aDetachedThreadIsListedWithANoteAndMarksNothing() {
    Delta doc = Delta.builder().insert("Left\n").build();
    String body = body(doc, List.of(thread("d", 2, 0, true, false, new Comment("c1", "u1", "Ann", "gone?", TS, TS + 60_000))));
    assertThat(body).isEqualTo("""
        <p>Left</p>
        <section class="comments">
        <h2>Comments</h2>
        <ol>
        <li id="comment-1" value="1">
        <p class="comment-detached">The commented text was deleted.</p>
        <p class="comment"><strong>Ann</strong> <time datetime="2023-11-14T22:13:20Z">2023-11-14T22:13:20Z</time> \
        (edited <time datetime="2023-11-14T22:14:20Z">2023-11-14T22:14:20Z</time>)<br>
        gone?</p>
        </li>
        </ol>
        </section>
        """);
  }

  @Test
  void resolvedThreadsAreLeftOutAndNoThreadsMeansNoSection() {
    Delta doc = Delta.builder().insert("Text\n").build();
    CommentThread resolved = thread("r", 0, 4, false, true, new Comment("c", "u1", "Ann", "done", TS, null));
    assertThat(body(doc, List.of(resolved))).isEqualTo("<p>Text</p>\n");
    String withOpen = body(doc, List.of(resolved, thread("o", 1, 2)));
    assertThat(withOpen).startsWith("<p>T" + MARK + "1\">e</mark>" + MARK + "1\">x</mark>" + ref(1) + "t</p>\n")
        .contains("note o").doesNotContain("done");
  }

  @Test
  void namesAndTextsAreEscaped() {
    Delta doc = Delta.builder().insert("Text\n").build();
    String name = "Eve \"<b>'&amp;";
    String text = "<script>alert('x')</script> \"q\" & <img src=x onerror=alert(1)>\nline two";
    String body = body(doc, List.of(thread("e", 0, 4, false, false, new Comment("c", "u1", name, text, TS, null))));
    assertThat(body).doesNotContain("<script", "<b>", "<img", "'x'")
        .contains("<strong>Eve &quot;&lt;b&gt;&#39;&amp;amp;</strong>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;q&quot; &amp; &lt;img src=x onerror=alert(1)&gt;<br>\nline two</p>");
  }

  @Test
  void marksNeverSplitACharacterAndCoverImagesAndCode() {
    Delta doc = DeltaJson.fromJson(new JsonArray("""
        [{"insert":"a\\uD83D\\uDE00b"},{"insert":{"image":"https://img.example/p.png"}},{"insert":"\\n"},
         {"insert":"x<y"},{"insert":"\\n","attributes":{"code-block":"plain"}}]"""));
    // [0,2) ends inside the emoji, [4,9) is the image and the code line
    String body = body(doc, List.of(thread("s", 0, 2), thread("i", 4, 5)));
    assertThat(body).startsWith("<p>" + MARK + "1\">a</mark>" + MARK + "1\">\uD83D\uDE00</mark>" + ref(1) + "b"
        + MARK + "2\"><img src=\"https://img.example/p.png\" alt=\"\"></mark></p>\n"
        + "<pre><code>" + MARK + "2\">x&lt;</mark>" + MARK + "2\">y</mark>" + ref(2) + "\n</code></pre>\n");
  }

  @Test
  void threadsOfAnotherRevisionAreListedButNotMarkedAndUnreadCommentsAreSaidSo() {
    Delta doc = Delta.builder().insert("Text\n").build();
    String moved = HtmlExport.render(new HtmlExport.Read("T", DeltaJson.toJson(doc), List.of(thread("m", 0, 4)), false,
        HtmlExport.MOVED));
    assertThat(moved).contains("<p>Text</p>", "note m", "<p class=\"comments-note\">" + HtmlExport.MOVED + "</p>")
        .doesNotContain("<mark");
    String unread = HtmlExport.render(new HtmlExport.Read("T", DeltaJson.toJson(doc), List.of(), false, HtmlExport.UNREAD));
    assertThat(unread).contains(HtmlExport.UNREAD).doesNotContain("<ol>");
  }

  @Test
  void markdownAndTextOfMarkedContentCarryNoComment() {
    Delta doc = DeltaJson.fromJson(DocExportTest.DOC);
    Delta marked = CommentMarks.mark(doc, List.of(thread("a", 0, 12), thread("b", 3, 40)));
    assertThat(marked).isNotEqualTo(doc);
    for (DocExport.Format f : List.of(DocExport.Format.MD, DocExport.Format.TXT)) {
      assertThat(DocExport.render(marked, "T", f)).isEqualTo(DocExport.render(doc, "T", f));
    }
  }
}
