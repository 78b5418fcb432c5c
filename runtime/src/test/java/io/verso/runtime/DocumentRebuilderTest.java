package io.verso.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.Snapshot;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentRebuilderTest {
  private static final String[] WORDS = {"a", "hello", " ", "\n", "😀", "é", "Lorem ipsum"};

  private static OpRecord op(long rev, Delta delta) {
    return new OpRecord(rev, "rebuilder-test-client", rev, "u1", 0, DeltaJson.toJson(delta));
  }

  /** Storage's answer when the snapshot is at {@code split} (none at 0): the ops after it. */
  private static LoadResult load(List<Delta> history, int split) {
    Delta snapshot = DocumentRebuilder.EMPTY_DOCUMENT;
    for (int i = 0; i < split; i++) {
      snapshot = snapshot.compose(history.get(i));
    }
    List<OpRecord> tail = new ArrayList<>();
    for (int i = split; i < history.size(); i++) {
      tail.add(op(i + 1, history.get(i)));
    }
    return new LoadResult("doc1", "t", history.size(),
        split == 0 ? null : new Snapshot(split, DeltaJson.toJson(snapshot)), tail, List.of());
  }

  /** A random edit a real editor could make: inside the text, the final newline kept (its format may change). */
  private static Delta edit(Random rnd, Delta document) {
    String text = plain(document);
    int length = text.length();
    int pos = boundary(text, rnd.nextInt(length));
    int kind = rnd.nextInt(10);
    Delta.Builder b = Delta.builder().retain(pos);
    if (kind < 5) {
      String word = WORDS[rnd.nextInt(WORDS.length)];
      return b.insert(word, rnd.nextBoolean() ? Map.of("bold", true) : null).build();
    }
    int end = boundary(text, Math.min(length - 1, pos + 1 + rnd.nextInt(5)));
    if (kind < 8 && end > pos) {
      return b.delete(end - pos).build();
    }
    // a line format up to and including the final newline: what an empty base would lose
    return Delta.builder().retain(length - 1).retain(1, Map.of("header", 1 + rnd.nextInt(3))).build();
  }

  /** Moves an index off the middle of a surrogate pair (never split an emoji). */
  private static int boundary(String text, int index) {
    return index > 0 && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
  }

  private static String plain(Delta document) {
    StringBuilder sb = new StringBuilder();
    document.ops().forEach(o -> sb.append(((io.verso.delta.Insert) o).text()));
    return sb.toString();
  }

  @Test
  void anySplitBetweenSnapshotAndOpsRebuildsTheDocumentOfAllOps() {
    Random rnd = new Random(20_22);
    for (int round = 0; round < 200; round++) {
      List<Delta> history = new ArrayList<>();
      Delta all = DocumentRebuilder.EMPTY_DOCUMENT;
      int n = 1 + rnd.nextInt(30);
      for (int i = 0; i < n; i++) {
        Delta change = edit(rnd, all);
        history.add(change);
        all = all.compose(change);
      }
      int split = rnd.nextInt(n + 1);
      assertEquals(all, DocumentRebuilder.rebuild(load(history, split)).toDelta(), "round " + round + " split " + split);
    }
  }

  @Test
  void aDocumentWithoutSnapshotStartsAsOneNewlineSoItsLastLineKeepsItsFormat() {
    List<Delta> history = List.of(Delta.builder().insert("Title").build(),
        Delta.builder().retain(5).retain(1, Map.of("header", 1)).build());
    assertEquals(Delta.builder().insert("Title").insert("\n", Map.of("header", 1)).build(),
        DocumentRebuilder.rebuild(load(history, 0)).toDelta());
    assertEquals(DocumentRebuilder.EMPTY_DOCUMENT, DocumentRebuilder.rebuild(load(List.of(), 0)).toDelta());
  }

  /** Who wrote what, rebuilt from any split: stored runs plus the ops after them by their authors. */
  @Test
  void authorshipFromAnySplitIsTheWholeLogsAuthorship() {
    Random rnd = new Random(23);
    String[] users = {"ann", "bob", "cy"};
    for (int round = 0; round < 200; round++) {
      List<Delta> history = new ArrayList<>();
      List<String> authors = new ArrayList<>();
      Delta all = DocumentRebuilder.EMPTY_DOCUMENT;
      Authorship whole = Authorship.of(1, null); // the first newline is nobody's
      List<Authorship.Run> atSplit = whole.runs();
      int n = 1 + rnd.nextInt(30);
      int split = rnd.nextInt(n + 1);
      for (int i = 0; i < n; i++) {
        Delta change = edit(rnd, all);
        String user = users[rnd.nextInt(users.length)];
        history.add(change);
        authors.add(user);
        all = all.compose(change);
        whole.apply(change, user);
        if (i + 1 == split) {
          atSplit = whole.runs();
        }
      }
      LoadResult loaded = load(history, split);
      DocumentRebuilder r = new DocumentRebuilder("doc1",
          split == 0 ? null : loaded.snapshot().content(), split)
          .withAuthorship(split == 0 ? null : AuthorshipRuns.toJson(atSplit));
      for (OpRecord op : loaded.ops()) {
        r.apply(op.rev(), op.ops(), authors.get((int) op.rev() - 1));
      }
      assertEquals(all, r.document().toDelta());
      assertEquals(whole.runs(), r.authorship().runs(), "round " + round + " split " + split);
    }
  }

  @Test
  void aSnapshotWithoutUsableRunsIsWrittenByNobodyKnown() {
    JsonArray content = DeltaJson.toJson(Delta.builder().insert("abc\n").build());
    JsonArray tooShort = AuthorshipRuns.toJson(List.of(new Authorship.Run(2, "ann")));
    JsonArray malformed = new JsonArray().add(new io.vertx.core.json.JsonObject().put("length", -1));
    for (JsonArray runs : java.util.Arrays.asList(null, tooShort, malformed)) {
      DocumentRebuilder r = new DocumentRebuilder("doc1", content, 7).withAuthorship(runs);
      r.apply(8, DeltaJson.toJson(Delta.builder().retain(1).insert("xy").build()), "bob");
      assertEquals(List.of(new Authorship.Run(1, null), new Authorship.Run(2, "bob"),
          new Authorship.Run(3, null)), r.authorship().runs());
    }
    assertEquals(null, new DocumentRebuilder("doc1", content, 7).authorship());
  }

  @Test
  void storedRunsRoundTripAndAreChecked() {
    List<Authorship.Run> runs = List.of(new Authorship.Run(3, "ann"), new Authorship.Run(1, null));
    assertEquals(runs, AuthorshipRuns.fromJson(AuthorshipRuns.toJson(runs)));
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(VersoException.class, () -> AuthorshipRuns.fromJson(
        new JsonArray().add(new io.vertx.core.json.JsonObject().put("length", 0)))).code());
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(VersoException.class, () -> AuthorshipRuns.fromJson(
        new JsonArray().add(new io.vertx.core.json.JsonObject().put("length", 2).put("userId", 5)))).code());
  }

  @Test
  void aGapInTheOpLogFailsInternal() {
    DocumentRebuilder r = new DocumentRebuilder("doc1", new JsonArray().add(new io.vertx.core.json.JsonObject()
        .put("insert", "ab\n")), 4);
    r.apply(5, DeltaJson.toJson(Delta.builder().insert("x").build()));
    VersoException e = assertThrows(VersoException.class,
        () -> r.apply(7, DeltaJson.toJson(Delta.builder().insert("y").build())));
    assertEquals(ErrorCode.INTERNAL, e.code());
    assertEquals(5, r.rev());
    assertEquals("xab\n", r.document().plainText());
  }
}
