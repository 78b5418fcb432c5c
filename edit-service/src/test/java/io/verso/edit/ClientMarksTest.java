package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exactly-once bookkeeping and the binding of client ids to users, without a store. */
class ClientMarksTest {

  @Test
  void aClientIdBelongsToTheUserWhoUsedItFirst() {
    ClientMarks marks = new ClientMarks();
    marks.reset(Map.of("old-client", new DocStore.ClientMark("carol", 4, 17)));
    assertEquals(ClientMarks.Seen.LAST, marks.check("old-client", "carol", 4));
    assertEquals(17, marks.lastRev("old-client"));
    assertEquals(ClientMarks.Seen.EARLIER, marks.check("old-client", "carol", 2));
    assertEquals(ClientMarks.Seen.NEW, marks.check("old-client", "carol", 5));
    assertEquals(ErrorCode.FORBIDDEN, assertThrows(VersoException.class, () -> marks.check("old-client", "mallory", 5)).code());

    assertEquals(ClientMarks.Seen.NEW, marks.check("fresh", "alice", 1));
    marks.bind("fresh", "alice");
    assertEquals(ErrorCode.FORBIDDEN, assertThrows(VersoException.class, () -> marks.check("fresh", "bob", 1)).code());
    assertEquals(ClientMarks.Seen.NEW, marks.check("fresh", "alice", 1), "bound, nothing committed yet");
    marks.committed("fresh", "alice", 1, 20);
    assertEquals(ClientMarks.Seen.LAST, marks.check("fresh", "alice", 1));
    marks.bind("fresh", "bob");
    assertEquals(ErrorCode.FORBIDDEN, assertThrows(VersoException.class, () -> marks.check("fresh", "bob", 2)).code());
  }
}
