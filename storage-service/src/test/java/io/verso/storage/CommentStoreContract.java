package io.verso.storage;

import static io.verso.storage.OpLogContract.assertFails;
import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentLimits;
import io.verso.protocol.comments.CommentThread;
import io.verso.protocol.comments.ThreadAnchor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comment storage contract: every {@link CommentStore} implementation passes these cases. */
abstract class CommentStoreContract {
  static final String MISSING = "no-such-doc";
  static final long TS = 1_700_000_000_000L;

  abstract CommentStore store();

  /** The op log whose documents the comments belong to. */
  abstract OpLogFixture fixture();

  String doc() {
    return fixture().createDocument("Comments");
  }

  /** A thread or comment id of the protocol's form (16..64 characters) named after {@code name}. */
  static String id(String name) {
    return name + "-000000000000000";
  }

  static Comment comment(String id, String userId, String text, long ts) {
    return new Comment(id(id), userId, "Name of " + userId, text, ts, null);
  }

  static CommentThread thread(String id, long rev, int index, int length, Comment... comments) {
    return new CommentThread(id(id), rev, index, length, false, false, null, null, List.of(comments));
  }

  List<CommentThread> load(String doc) {
    return await(store().load(doc));
  }

  CommentThread only(String doc) {
    List<CommentThread> threads = load(doc);
    assertThat(threads).hasSize(1);
    return threads.get(0);
  }

  @Test
  void threadsLoadInCreationOrderWithTheirCommentsAsStored() {
    String doc = doc();
    assertThat(load(doc)).isEmpty();
    CommentThread b = thread("bbb", 3, 5, 2, comment("c1", "ann", "Second thread, first made", TS));
    CommentThread a = thread("aaa", 2, 0, 4, comment("c2", "bob", "Made later, earlier ts", TS - 5000));
    CommentThread c = new CommentThread(id("ccc"), 7, 9, 0, true, true, "carol", TS + 9, List.of(
        new Comment(id("c3"), "carol", "Carol C.", "edited before", TS, TS + 1), comment("c4", "ann", "two", TS + 2)));
    await(store().createThread(doc, b));
    await(store().createThread(doc, a));
    await(store().createThread(doc, c));
    assertThat(load(doc)).containsExactly(b, a, c);
  }

  @Test
  void repliesKeepTheirOrderWithinOneMillisecondAndWhateverTheirTs() {
    String doc = doc();
    await(store().createThread(doc, thread("t", 0, 0, 1, comment("r0", "ann", "open", TS))));
    List<Comment> expected = new ArrayList<>(List.of(comment("r0", "ann", "open", TS)));
    for (int i = 1; i <= 30; i++) {
      Comment reply = comment("r" + i, i % 2 == 0 ? "ann" : "bob", "reply " + i, i == 20 ? TS - 1 : TS);
      await(store().addComment(doc, id("t"), reply));
      expected.add(reply);
    }
    assertThat(only(doc).comments()).containsExactlyElementsOf(expected);
  }

  @Test
  void textsAndNamesRoundTripExactly() {
    String doc = doc();
    String[] texts = {"\uD83D\uDE00 emoji \uD83D\uDC69\u200D\uD83D\uDCBB and flags \uD83C\uDDEB\uD83C\uDDF7",
        "漢字とかな", "e\u0301 combining", "שלום RTL", "  two\nlines\ttab  ", "'quotes' \"and\" \\ backslash $1",
        "\uD83D\uDCDD".repeat(CommentLimits.MAX_TEXT_CHARS / 2), "x".repeat(CommentLimits.MAX_TEXT_CHARS)};
    await(store().createThread(doc, thread("u", 1, 0, 0,
        new Comment(id("u0"), "ann", "Ann \uD83C\uDF3B Ångström", texts[0], TS, null))));
    for (int i = 1; i < texts.length; i++) {
      await(store().addComment(doc, id("u"), comment("u" + i, "bob", texts[i], TS + i)));
    }
    CommentThread t = only(doc);
    assertThat(t.comments()).extracting(Comment::text).containsExactly(texts);
    assertThat(t.comments().get(0).name()).isEqualTo("Ann \uD83C\uDF3B Ångström");
    await(store().editComment(doc, id("u"), id("u2"), "édité \uD83D\uDE80", TS + 100));
    assertThat(only(doc).comments().get(2).text()).isEqualTo("édité \uD83D\uDE80");
  }

  @Test
  void existingThreadAndCommentIdsAreDuplicates() {
    String doc = doc();
    await(store().createThread(doc, thread("d1", 0, 0, 1, comment("k1", "ann", "one", TS))));
    await(store().createThread(doc, thread("d2", 0, 0, 1, comment("k2", "ann", "two", TS))));
    assertFails(ErrorCode.DUPLICATE, "thread " + id("d1") + " exists in " + doc,
        () -> await(store().createThread(doc, thread("d1", 0, 0, 1, comment("k3", "bob", "again", TS)))));
    assertFails(ErrorCode.DUPLICATE, "a comment id of thread " + id("d3") + " exists in " + doc,
        () -> await(store().createThread(doc, thread("d3", 0, 0, 1, comment("k1", "bob", "taken id", TS)))));
    assertFails(ErrorCode.DUPLICATE, "a comment id of thread " + id("d4") + " exists in " + doc,
        () -> await(store().createThread(doc, thread("d4", 0, 0, 1, comment("k5", "bob", "x", TS),
            comment("k5", "bob", "twice in itself", TS)))));
    assertFails(ErrorCode.DUPLICATE, "comment " + id("k1") + " exists in " + doc,
        () -> await(store().addComment(doc, id("d1"), comment("k1", "bob", "same thread", TS))));
    assertFails(ErrorCode.DUPLICATE, "comment " + id("k1") + " exists in " + doc,
        () -> await(store().addComment(doc, id("d2"), comment("k1", "bob", "other thread", TS))));
    assertThat(load(doc)).extracting(CommentThread::id).containsExactly(id("d1"), id("d2")); // nothing half made
    assertThat(load(doc)).allSatisfy(t -> assertThat(t.comments()).hasSize(1));
    assertThat(load(doc).get(0).comments().get(0).text()).isEqualTo("one");
  }

  @Test
  void missingDocumentsThreadsAndCommentsAreNotFound() {
    String doc = doc();
    await(store().createThread(doc, thread("n1", 0, 0, 1, comment("m1", "ann", "one", TS))));
    await(store().createThread(doc, thread("n2", 0, 0, 1, comment("m2", "ann", "two", TS))));
    String t = id("nx");
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING, () -> load(MISSING));
    assertFails(ErrorCode.NOT_FOUND, "no document " + MISSING,
        () -> await(store().createThread(MISSING, thread("n1", 0, 0, 1, comment("m9", "ann", "x", TS)))));
    assertFails(ErrorCode.NOT_FOUND, "no thread " + t + " in " + doc,
        () -> await(store().addComment(doc, t, comment("m3", "ann", "x", TS))));
    assertFails(ErrorCode.NOT_FOUND, "no thread " + t + " in " + doc, () -> await(store().deleteThread(doc, t)));
    assertFails(ErrorCode.NOT_FOUND, "no thread " + t + " in " + doc,
        () -> await(store().resolve(doc, t, true, "ann", TS)));
    assertFails(ErrorCode.NOT_FOUND, "no comment " + id("m9") + " in thread " + id("n1") + " of " + doc,
        () -> await(store().editComment(doc, id("n1"), id("m9"), "x", TS)));
    // a comment is found only in its own thread
    assertFails(ErrorCode.NOT_FOUND, "no comment " + id("m2") + " in thread " + id("n1") + " of " + doc,
        () -> await(store().editComment(doc, id("n1"), id("m2"), "x", TS)));
    assertFails(ErrorCode.NOT_FOUND, "no comment " + id("m2") + " in thread " + id("n1") + " of " + doc,
        () -> await(store().deleteComment(doc, id("n1"), id("m2"))));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().addComment(MISSING, id("n1"), comment("m4", "a", "x", TS))));
    assertThat(load(doc)).extracting(x -> x.comments().get(0).text()).containsExactly("one", "two");
  }

  @Test
  void anEditSetsTextAndEditedTsOnly() {
    String doc = doc();
    await(store().createThread(doc, thread("e", 4, 1, 2, comment("e0", "ann", "first", TS), comment("e1", "bob", "b", TS))));
    await(store().editComment(doc, id("e"), id("e0"), "first, better", TS + 50));
    await(store().editComment(doc, id("e"), id("e0"), "first, best", TS + 60));
    CommentThread t = only(doc);
    assertThat(t.comments().get(0)).isEqualTo(new Comment(id("e0"), "ann", "Name of ann", "first, best", TS, TS + 60));
    assertThat(t.comments().get(1)).isEqualTo(comment("e1", "bob", "b", TS));
    assertThat(t.withComments(List.of())).isEqualTo(thread("e", 4, 1, 2));
  }

  @Test
  void deletingACommentKeepsItsThreadAndDeletingAThreadItsComments() {
    String doc = doc();
    await(store().createThread(doc, thread("x1", 0, 0, 1, comment("x0", "ann", "open", TS),
        comment("xa", "bob", "a", TS), comment("xb", "bob", "b", TS))));
    await(store().createThread(doc, thread("x2", 0, 0, 1, comment("y0", "bob", "other", TS))));
    await(store().deleteComment(doc, id("x1"), id("xa")));
    assertThat(load(doc).get(0).comments()).extracting(Comment::text).containsExactly("open", "b");
    await(store().deleteComment(doc, id("x1"), id("x0"))); // the caller's business: the thread stays
    assertThat(load(doc).get(0).comments()).extracting(Comment::text).containsExactly("b");
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().deleteComment(doc, id("x1"), id("x0"))));

    await(store().deleteThread(doc, id("x1")));
    assertThat(load(doc)).extracting(CommentThread::id).containsExactly(id("x2"));
    await(store().addComment(doc, id("x2"), comment("xb", "ann", "its id is free again", TS)));
    assertThat(only(doc).comments()).extracting(Comment::text).containsExactly("other", "its id is free again");
    await(store().createThread(doc, thread("x1", 5, 0, 1, comment("x0", "ann", "a new thread of that id", TS))));
    assertThat(load(doc)).extracting(CommentThread::id).containsExactly(id("x2"), id("x1")); // created last
  }

  @Test
  void aThreadLeftWithoutCommentsIsNotListed() {
    String doc = doc();
    await(store().createThread(doc, thread("z", 0, 0, 1, comment("z0", "ann", "only", TS))));
    await(store().deleteComment(doc, id("z"), id("z0")));
    assertThat(load(doc)).isEmpty();
    await(store().deleteThread(doc, id("z")));
  }

  @Test
  void resolvingRecordsWhoAndWhenAndReopeningClearsThem() {
    String doc = doc();
    CommentThread t = thread("r", 2, 1, 1, comment("r0", "ann", "fix this", TS));
    await(store().createThread(doc, t));
    await(store().resolve(doc, id("r"), true, "bob", TS + 10));
    assertThat(only(doc)).isEqualTo(t.withResolved(true, "bob", TS + 10));
    await(store().resolve(doc, id("r"), true, "carol", TS + 20));
    assertThat(only(doc)).isEqualTo(t.withResolved(true, "carol", TS + 20));
    await(store().resolve(doc, id("r"), false, "dave", TS + 30));
    assertThat(only(doc)).isEqualTo(t);
    assertThat(only(doc).resolvedBy()).isNull();
    assertThat(only(doc).resolvedTs()).isNull();
  }

  @Test
  void anchorsMoveOnlyForwardAndUnknownThreadsAreIgnored() {
    String doc = doc();
    await(store().createThread(doc, thread("a1", 5, 10, 3, comment("a10", "ann", "one", TS))));
    await(store().createThread(doc, thread("a2", 8, 20, 4, comment("a20", "ann", "two", TS))));
    await(store().saveAnchors(doc, 8, List.of(new ThreadAnchor(id("a1"), 11, 3, false),
        new ThreadAnchor(id("a2"), 0, 0, true), new ThreadAnchor(id("nobody"), 1, 1, false))));
    List<CommentThread> threads = load(doc);
    assertThat(threads.get(0)).isEqualTo(thread("a1", 8, 11, 3, comment("a10", "ann", "one", TS)));
    assertThat(threads.get(1)).isEqualTo(thread("a2", 8, 20, 4, comment("a20", "ann", "two", TS))); // same rev: kept
    await(store().saveAnchors(doc, 7, List.of(new ThreadAnchor(id("a1"), 0, 0, true)))); // older: never back
    await(store().saveAnchors(doc, 12, List.of(new ThreadAnchor(id("a2"), 18, 0, true))));
    await(store().saveAnchors(doc, 12, List.of()));
    threads = load(doc);
    assertThat(threads.get(0).withComments(List.of())).isEqualTo(thread("a1", 8, 11, 3));
    assertThat(threads.get(1).withComments(List.of()))
        .isEqualTo(new CommentThread(id("a2"), 12, 18, 0, true, false, null, null, List.of()));
    await(store().saveAnchors(MISSING, 99, List.of(new ThreadAnchor(id("a1"), 0, 0, false)))); // nothing to move
  }

  @Test
  void documentsDoNotShareThreadsOrCommentIds() {
    String one = doc();
    String two = doc();
    await(store().createThread(one, thread("s", 1, 0, 1, comment("s0", "ann", "in one", TS))));
    await(store().createThread(two, thread("s", 1, 0, 1, comment("s0", "bob", "in two", TS))));
    await(store().addComment(two, id("s"), comment("s1", "bob", "reply in two", TS)));
    await(store().editComment(two, id("s"), id("s0"), "edited in two", TS + 1));
    await(store().resolve(two, id("s"), true, "bob", TS + 2));
    await(store().saveAnchors(two, 9, List.of(new ThreadAnchor(id("s"), 3, 3, false))));
    assertThat(only(one)).isEqualTo(thread("s", 1, 0, 1, comment("s0", "ann", "in one", TS)));
    await(store().deleteThread(one, id("s")));
    assertThat(load(one)).isEmpty();
    CommentThread t = only(two);
    assertThat(t.rev()).isEqualTo(9);
    assertThat(t.resolved()).isTrue();
    assertThat(t.comments()).extracting(Comment::text).containsExactly("edited in two", "reply in two");
  }
}
