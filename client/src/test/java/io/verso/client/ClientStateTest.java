package io.verso.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client algorithm against a reference server (transform against the ops since baseRev, the
 * committed op wins ties), with random interleavings of local edits, submits and event delivery.
 */
class ClientStateTest {
  private static final Delta EMPTY_DOC = Delta.builder().insert("\n").build();

  /** The reference server: a list of committed ops. */
  private static final class Server {
    final List<OpEvent> log = new ArrayList<>();
    Delta doc = EMPTY_DOC;

    long submit(SubmitRequest s) {
      for (OpEvent e : log) {
        if (e.clientId().equals(s.clientId()) && e.seq() == s.seq()) {
          return e.rev(); // duplicate
        }
      }
      Delta op = DeltaJson.fromJson(s.ops());
      for (OpEvent e : log.subList((int) s.baseRev(), log.size())) {
        op = DeltaJson.fromJson(e.ops()).transform(op, true);
      }
      doc = doc.compose(op);
      OpEvent e = new OpEvent(log.size() + 1, DeltaJson.toJson(op), s.clientId(), s.seq(), "u", 0);
      log.add(e);
      return e.rev();
    }
  }

  private static final class Client {
    final ClientState state;
    final ArrayDeque<SubmitRequest> outbox = new ArrayDeque<>();
    long delivered; // events delivered so far (index into the server log)

    Client(String id) {
      state = new ClientState(id, 0, EMPTY_DOC);
    }

    void flush() {
      SubmitRequest s = state.takeNextSubmit();
      if (s != null) {
        outbox.add(s);
      }
    }
  }

  @Test
  void clientsConvergeWithTheServerUnderRandomInterleavings() {
    long seed = Long.getLong("verso.seed", System.nanoTime());
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      Server server = new Server();
      List<Client> clients = new ArrayList<>();
      int n = 2 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        clients.add(new Client("client-" + i + "-0123456789abcdef"));
      }
      for (int step = 0; step < 150; step++) {
        Client c = clients.get(rnd.nextInt(n));
        switch (rnd.nextInt(4)) {
          case 0 -> c.state.applyLocal(randomEdit(rnd, c.state.document()));
          case 1 -> c.flush();
          case 2 -> {
            if (!c.outbox.isEmpty()) {
              SubmitRequest s = c.outbox.poll();
              server.submit(s);
              if (rnd.nextInt(10) == 0) {
                server.submit(c.state.inFlightSubmit()); // a resend after a lost reply: a duplicate
              }
            }
          }
          default -> deliver(server, c, rnd.nextInt(3) + 1);
        }
      }
      // drain everything
      boolean busy = true;
      while (busy) {
        busy = false;
        for (Client c : clients) {
          c.flush();
          while (!c.outbox.isEmpty()) {
            server.submit(c.outbox.poll());
            busy = true;
          }
        }
        for (Client c : clients) {
          deliver(server, c, Integer.MAX_VALUE);
        }
        for (Client c : clients) {
          busy |= !c.state.synced();
        }
      }
      for (Client c : clients) {
        assertEquals(server.doc, c.state.document(), "seed=" + seed + " round=" + round);
        assertEquals(server.log.size(), c.state.rev(), "seed=" + seed);
        assertTrue(c.state.synced());
      }
      long submitted = clients.stream().mapToLong(c -> c.state.lastSeq()).sum();
      assertEquals(submitted, server.log.size(), "seed=" + seed + ": each submit committed once");
    }
  }

  @Test
  void ownEventIsTheAckAndGapsAreReported() {
    ClientState c = new ClientState("client-a-0123456789abcdef", 0, EMPTY_DOC);
    c.applyLocal(Delta.builder().insert("a").build());
    SubmitRequest s = c.takeNextSubmit();
    assertEquals(1, s.seq());
    assertNull(c.takeNextSubmit(), "one op in flight");
    c.applyLocal(Delta.builder().insert("b").build());
    OpEvent other = new OpEvent(2, DeltaJson.toJson(Delta.builder().insert("x").build()), "someone-else-0123456789", 1, "u", 0);
    assertEquals(ClientState.Received.GAP, c.receive(other));
    OpEvent mine = new OpEvent(1, s.ops(), s.clientId(), s.seq(), "u", 0);
    assertEquals(ClientState.Received.ACK, c.receive(mine));
    assertEquals(ClientState.Received.ALREADY_SEEN, c.receive(mine));
    assertEquals(ClientState.Received.REMOTE, c.receive(other));
    SubmitRequest next = c.takeNextSubmit();
    assertEquals(2, next.seq());
    assertEquals(2, next.baseRev());
  }

  private static void deliver(Server server, Client c, int max) {
    for (int i = 0; i < max && c.delivered < server.log.size(); i++) {
      OpEvent e = server.log.get((int) c.delivered++);
      assertTrue(c.state.receive(e) != ClientState.Received.GAP);
    }
  }

  private static Delta randomEdit(Random rnd, Delta document) {
    int length = 0;
    for (Op op : document.ops()) {
      length += ((Insert) op).length();
    }
    int pos = rnd.nextInt(length); // before the final newline
    int room = length - 1 - pos;
    Delta.Builder b = Delta.builder().retain(pos);
    int kind = rnd.nextInt(3);
    if (kind == 0 || room == 0) {
      return b.insert(rnd.nextBoolean() ? "ab" : "Z", rnd.nextBoolean() ? Map.of("bold", true) : null).build();
    }
    int n = 1 + rnd.nextInt(Math.min(room, 3));
    return kind == 1 ? b.delete(n).build() : b.retain(n, Map.of("italic", true)).build();
  }
}
