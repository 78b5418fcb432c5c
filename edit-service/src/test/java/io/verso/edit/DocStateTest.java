package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.doc.SubmitRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sequencer's document without a store: sequence, commit, forget, and refusals that change nothing. */
class DocStateTest {
  private final DocState state = new DocState(EditConfig.from(new JsonObject()), "doc-1");

  private static SubmitRequest insert(String clientId, long seq, long baseRev, int at, String text) {
    JsonArray ops = new JsonArray();
    if (at > 0) {
      ops.add(new JsonObject().put("retain", at));
    }
    return new SubmitRequest(clientId, seq, baseRev, ops.add(new JsonObject().put("insert", text)));
  }

  private static String text(Document d) {
    return d.plainText();
  }

  @Test
  void sequencedOpsReachHeadAtOnceAndCommittedWhenTheyCommit() {
    state.install(new Restored(new Document(Delta.builder().insert("ac\n").build()), List.of(), 0, 0, "t", Map.of(),
        Authorship.of(3, null)));
    CommitQueue.Pending a = state.sequence(insert("client-aaaaaaaaaaaa", 1, 0, 1, "b"), "alice", 1);
    // concurrent with a (same base): transformed over it
    CommitQueue.Pending b = state.sequence(insert("client-bbbbbbbbbbbb", 1, 0, 2, "d"), "bob", 2);
    assertEquals(2, state.headRev());
    assertEquals(0, state.committedRev());
    assertEquals("ac\n", text(state.committed()));
    assertEquals(List.of(new Authorship.Run(3, null)), state.authorship().runs(), "authorship is the committed one's");
    state.committed(a.entry());
    state.committed(b.entry());
    assertEquals("abcd\n", text(state.committed()));
    assertEquals(List.of(new Authorship.Run(1, null), new Authorship.Run(1, "alice"), new Authorship.Run(1, null),
        new Authorship.Run(1, "bob"), new Authorship.Run(1, null)), state.authorship().runs());
    assertEquals(2, state.committedRev());
    assertEquals(ClientMarks.Seen.LAST, state.clients.check("client-bbbbbbbbbbbb", "bob", 1));
  }

  @Test
  void aFailedCommitTakesHeadBackAndARefusedOpChangesNothing() {
    state.install(new Restored(new Document(Delta.builder().insert("x\n").build()), List.of(), 0, 0, "t", Map.of(),
        Authorship.of(2, null)));
    state.sequence(insert("client-aaaaaaaaaaaa", 1, 0, 0, "1"), "alice", 1);
    state.forgetPending();
    assertEquals(0, state.headRev());
    assertEquals(0, state.window.size());
    CommitQueue.Pending again = state.sequence(insert("client-aaaaaaaaaaaa", 1, 0, 0, "2"), "alice", 1);
    assertEquals(1, again.entry().rev(), "the forgotten revision is given again");

    assertEquals(ErrorCode.INVALID_OP, assertThrows(VersoException.class,
        () -> state.sequence(insert("client-aaaaaaaaaaaa", 2, 1, 9, "y"), "alice", 1)).code());
    assertEquals(ErrorCode.REV_AHEAD, assertThrows(VersoException.class,
        () -> state.sequence(insert("client-aaaaaaaaaaaa", 2, 5, 0, "y"), "alice", 1)).code());
    assertEquals(1, state.headRev());
    assertEquals(1, state.window.size());
    state.committed(again.entry());
    assertEquals("2x\n", text(state.committed()));
    assertEquals(List.of(new Authorship.Run(1, "alice"), new Authorship.Run(2, null)), state.authorship().runs(),
        "the forgotten op left no author behind");
  }
}
