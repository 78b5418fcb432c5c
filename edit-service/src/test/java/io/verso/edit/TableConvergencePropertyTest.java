package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.client.ClientState;
import io.verso.delta.Authorship;
import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.runtime.testing.RandomEdits;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Concurrent edits of tables converge: three clients running the real client algorithm
 * ({@link ClientState}) edit tables as Quill's table module does ({@link TableEdits}) while the
 * sequencer's document ({@link DocState}: policy, transform, apply) orders their ops, with every
 * message delayed at random (a submit reaches the server revisions after its base, events reach
 * each client late). Per case: every client ends with the server's document, every committed op
 * (as transformed) passes the op policy, and every table line keeps a valid row id. And when
 * people type and format in cells and add tables, text typed in a cell stays in that cell's row.
 * (Not with rows and columns added meanwhile: text typed at the very start of a cell while someone
 * adds a row above or a column left of it — the same position — lands before or after the new cells
 * as the server orders the two, so it can move into the new cell, with whatever is typed after it.) {@value #CASES} cases each, seed printed on failure.
 */
class TableConvergencePropertyTest {
  static final int CASES = Integer.getInteger("verso.tables.cases", 1_000);
  static final long SEED = Long.getLong("verso.tables.seed", System.nanoTime());
  private static final Pattern ROW_ID = Pattern.compile("row-[a-z0-9]{1,16}");

  private final EditConfig config = EditConfig.from(new JsonObject());

  @Test
  void concurrentTableEditsConverge() {
    forAll("convergence", true, (rnd, edits) -> run(rnd, edits, true));
  }

  @Test
  void textTypedInACellStaysInItsRow() {
    forAll("typed text stays in its row", false, (rnd, edits) -> {
      Delta doc = run(rnd, edits, false);
      List<TableEdits.Line> lines = TableEdits.lines(doc);
      String text = TableEdits.plain(doc);
      for (TableEdits.Typed t : edits.typed) {
        assertEquals(t.row(), lineOf(lines, text.indexOf(t.token())).row(), t.token() + " in " + doc);
      }
      return null;
    });
  }

  private static TableEdits.Line lineOf(List<TableEdits.Line> lines, int at) {
    assertTrue(at >= 0, "nothing deleted: every token is there");
    return lines.stream().filter(l -> l.start() <= at && at < l.end()).findFirst().orElseThrow();
  }

  interface Case {
    Object run(Random rnd, TableEdits edits);
  }

  private static void forAll(String property, boolean deletesCells, Case c) {
    for (int i = 0; i < CASES; i++) {
      long seed = SEED + i * 0x9E3779B97F4A7C15L;
      try {
        Random rnd = new Random(seed);
        c.run(rnd, new TableEdits(rnd, deletesCells));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(property + " failed at case " + i + " (case seed " + seed + ", base seed " + SEED
            + "; -Dverso.tables.seed sets it): " + e.getMessage(), e);
      }
    }
  }

  /** One concurrent session of three clients; returns the converged document. */
  private Delta run(Random rnd, TableEdits edits, boolean anyEdit) {
    DocState server = new DocState(config, "tables");
    Delta start = Delta.builder().insert("Title\n").build();
    server.install(new Restored(new Document(start), List.of(), 0, 0, "t", Map.of(), Authorship.of(start.length(), null)));
    OpPolicy policy = new OpPolicy(config, "tables");
    int n = 3;
    List<ClientState> clients = new ArrayList<>();
    List<ArrayDeque<OpEvent>> inboxes = new ArrayList<>();
    SubmitRequest[] wire = new SubmitRequest[n];
    for (int i = 0; i < n; i++) {
      clients.add(new ClientState("table-test-client-" + i, 0, start));
      inboxes.add(new ArrayDeque<>());
    }
    int steps = 20 + rnd.nextInt(60);
    for (int s = 0; s < steps; s++) {
      int i = rnd.nextInt(n);
      ClientState c = clients.get(i);
      switch (rnd.nextInt(8)) {
        case 0, 1, 2 -> c.applyLocal(anyEdit && rnd.nextInt(6) == 0 ? RandomEdits.next(rnd, c.document())
            : edits.next(c.document()));
        case 3 -> wire[i] = wire[i] == null ? c.takeNextSubmit() : wire[i];
        case 4, 5 -> deliver(server, policy, wire, i, inboxes);
        default -> receive(c, inboxes.get(i));
      }
    }
    // everything sent and heard
    boolean busy = true;
    while (busy) {
      busy = false;
      for (int i = 0; i < n; i++) {
        ClientState c = clients.get(i);
        while (!inboxes.get(i).isEmpty()) {
          receive(c, inboxes.get(i));
        }
        if (wire[i] == null) {
          wire[i] = c.takeNextSubmit();
        }
        if (wire[i] != null) {
          deliver(server, policy, wire, i, inboxes);
          busy = true;
        }
        busy |= !c.synced();
      }
    }
    Delta converged = server.committed().toDelta();
    for (ClientState c : clients) {
      assertEquals(converged, c.document(), "client " + c.clientId());
    }
    for (TableEdits.Line line : TableEdits.lines(converged)) {
      assertTrue(line.row() == null || ROW_ID.matcher(line.row()).matches(), line.row());
    }
    return converged;
  }

  /** The submit on client i's wire reaches the server: sequenced, committed, its event on its way to everyone. */
  private static void deliver(DocState server, OpPolicy policy, SubmitRequest[] wire, int i, List<ArrayDeque<OpEvent>> inboxes) {
    if (wire[i] == null) {
      return;
    }
    CommitQueue.Pending p = server.sequence(wire[i], "user-" + i, 0);
    wire[i] = null;
    policy.checkContent(p.entry().delta()); // as transformed, still within the policy
    server.committed(p.entry());
    inboxes.forEach(box -> box.addLast(p.event()));
  }

  private static void receive(ClientState c, ArrayDeque<OpEvent> inbox) {
    if (!inbox.isEmpty()) {
      assertTrue(c.receive(inbox.pollFirst()) != ClientState.Received.GAP, "events arrive in order");
    }
  }
}
