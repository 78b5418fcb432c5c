package io.verso.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.Delta;
import io.verso.protocol.Addresses;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.DocumentRebuilder;
import io.verso.runtime.testing.RandomEdits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history service's answers against a model of random histories, through the real services
 * (sequencer, storage on PostgreSQL, documents service): the content at revision r is the
 * composition of ops 1..r; diff(a, b) applied to content(a) gives content(b); restore(r) makes the
 * content equal revision r and adds exactly one revision.
 */
class HistoryPropertyTest {
  private static final int CASES = Integer.getInteger("verso.history.cases", 6);
  private static final long SEED = Long.getLong("verso.history.seed", System.nanoTime());
  private static HistoryStack stack;
  private static String ann;
  private static List<String> users;

  @BeforeAll
  static void start() {
    stack = new HistoryStack(1_000);
    ann = stack.register("ann");
    users = List.of(ann, stack.register("bob"), stack.register("cyd"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** A document edited by three users in turn at random; contents.get(r) is the model's content at r. */
  private record History(String docId, List<Delta> contents, long[] seqs, String[] clients) {
    long head() {
      return contents.size() - 1;
    }

    /** Submits one random edit of {@code user} at the head; the model follows. */
    void edit(Random rnd, int user) {
      Delta op = RandomEdits.next(rnd, contents.get(contents.size() - 1));
      long rev = stack.submit(docId, users.get(user), clients[user], ++seqs[user], head(), op);
      assertThat(rev).isEqualTo(head() + 1);
      contents.add(contents.get(contents.size() - 1).compose(op));
    }
  }

  private static History history(Random rnd, int ops) {
    String docId = stack.create(ann);
    stack.share(docId, ann, "bob", "editor");
    stack.share(docId, ann, "cyd", "editor");
    List<Delta> contents = new ArrayList<>(List.of(DocumentRebuilder.EMPTY_DOCUMENT));
    String[] clients = new String[users.size()];
    for (int u = 0; u < clients.length; u++) {
      clients[u] = "client-" + u + "-" + docId;
    }
    History h = new History(docId, contents, new long[users.size()], clients);
    for (int i = 0; i < ops; i++) {
      h.edit(rnd, rnd.nextInt(4) == 0 ? rnd.nextInt(users.size()) : i / 5 % users.size());
    }
    return h;
  }

  private static Delta revision(History h, long rev) {
    JsonObject reply = stack.call(Addresses.HISTORY_REVISION, new JsonObject().put("docId", h.docId()).put("rev", rev), ann);
    assertThat(reply.getLong("rev")).isEqualTo(rev);
    return DeltaJson.fromJson(reply.getJsonArray("content"));
  }

  @Test
  void contentAtEveryRevisionIsTheCompositionOfItsOps() {
    Random rnd = new Random(SEED);
    for (int c = 0; c < CASES; c++) {
      History h = history(rnd, 1 + rnd.nextInt(40));
      for (long r = 0; r <= h.head(); r++) {
        assertThat(revision(h, r)).as("seed %d, case %d, revision %d", SEED, c, r).isEqualTo(h.contents().get((int) r));
      }
    }
  }

  @Test
  void aDiffTurnsContentAIntoContentBAndNamesItsAuthors() {
    Random rnd = new Random(SEED + 1);
    for (int c = 0; c < CASES; c++) {
      History h = history(rnd, 1 + rnd.nextInt(40));
      for (int k = 0; k < 8; k++) {
        long a = rnd.nextLong(h.head() + 1);
        long b = k == 0 ? h.head() : a + rnd.nextLong(h.head() - a + 1);
        JsonObject diff = stack.call(Addresses.HISTORY_DIFF,
            new JsonObject().put("docId", h.docId()).put("from", k == 0 ? 0 : a).put("to", b), ann);
        long from = diff.getLong("from");
        JsonArray ops = diff.getJsonArray("ops");
        assertThat(h.contents().get((int) from).compose(HistoryStack.withoutAuthors(ops)))
            .as("seed %d, case %d, diff %d..%d", SEED, c, from, b).isEqualTo(h.contents().get((int) b));
        for (Object o : ops) {
          JsonObject op = (JsonObject) o;
          if (!op.containsKey("retain")) {
            assertThat(op.getString("author")).as("who inserted or deleted %s", op).isIn(Set.copyOf(users));
          }
        }
      }
    }
  }

  @Test
  void restoreMakesTheContentRevisionRAndAddsExactlyOneRevision() {
    Random rnd = new Random(SEED + 2);
    for (int c = 0; c < CASES; c++) {
      History h = history(rnd, 1 + rnd.nextInt(30));
      for (int k = 0; k < 3; k++) {
        long r = k == 2 ? h.head() : rnd.nextLong(h.head() + 1);
        long head = h.head();
        Delta target = h.contents().get((int) r);
        String by = users.get(rnd.nextInt(users.size()));
        JsonObject reply = stack.call(Addresses.HISTORY_RESTORE, new JsonObject().put("docId", h.docId()).put("rev", r), by);
        if (target.equals(h.contents().get((int) head))) {
          assertThat(reply).isEqualTo(new JsonObject().put("rev", head).put("unchanged", true));
        } else {
          assertThat(reply).isEqualTo(new JsonObject().put("rev", head + 1));
          h.contents().add(target);
          JsonObject newest = stack.call(Addresses.HISTORY_PAGE,
              new JsonObject().put("docId", h.docId()).put("limit", 1), ann).getJsonArray("entries").getJsonObject(0);
          assertThat(newest.getLong("fromRev")).as("a restore is an entry of its own").isEqualTo(head + 1);
          assertThat(newest.getLong("toRev")).isEqualTo(head + 1);
          assertThat(newest.getLong("restoredFrom")).as("and says what it restored").isEqualTo(r);
          JsonObject diff = stack.call(Addresses.HISTORY_DIFF,
              new JsonObject().put("docId", h.docId()).put("from", head).put("to", head + 1), ann);
          diff.getJsonArray("ops").forEach(o -> {
            if (!((JsonObject) o).containsKey("retain")) {
              assertThat(((JsonObject) o).getString("author")).as("the restore is the acting user's edit").isEqualTo(by);
            }
          });
        }
        assertThat(revision(h, h.head())).as("seed %d, case %d, restore of %d", SEED, c, r).isEqualTo(target);
        assertThat(stack.open(h.docId(), ann)).isEqualTo(target);
        assertThat(stack.failure(Addresses.HISTORY_REVISION,
            new JsonObject().put("docId", h.docId()).put("rev", h.head() + 1), ann)).isEqualTo(ErrorCode.NOT_FOUND);
        if (rnd.nextBoolean()) {
          h.edit(rnd, rnd.nextInt(users.size()));
        }
      }
    }
  }

  /**
   * A restore whose submit answer is lost sends the same (clientId, seq) again: the sequencer
   * answers with the revision it already gave, so the restore is applied once.
   */
  @Test
  void aRestoreWhoseAnswerIsLostIsAppliedOnce() {
    Random rnd = new Random(SEED + 3);
    History h = history(rnd, 12);
    AtomicBoolean drop = new AtomicBoolean(true);
    Set<String> restoreReplies = ConcurrentHashMap.newKeySet();
    stack.vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().body() instanceof JsonObject body && "submit".equals(body.getString("action"))
          && body.getString("clientId", "").startsWith("restore-") && drop.get()) {
        restoreReplies.add(ctx.message().replyAddress());
      }
      ctx.next();
    });
    stack.vertx.eventBus().addInboundInterceptor(ctx -> {
      // the sequencer's first answer to the restore's submit is lost on its way back
      if (restoreReplies.remove(ctx.message().address()) && drop.compareAndSet(true, false)) {
        return;
      }
      ctx.next();
    });
    long head = h.head();
    Delta target = h.contents().get(3);
    JsonObject reply = stack.call(Addresses.HISTORY_RESTORE, new JsonObject().put("docId", h.docId()).put("rev", 3), ann);
    assertThat(drop.get()).as("an answer was lost").isFalse();
    assertThat(reply).isEqualTo(new JsonObject().put("rev", head + 1));
    assertThat(revision(h, head + 1)).isEqualTo(target);
    assertThat(stack.failure(Addresses.HISTORY_REVISION,
        new JsonObject().put("docId", h.docId()).put("rev", head + 2), ann)).isEqualTo(ErrorCode.NOT_FOUND);
  }
}
