package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two owners stepping down at the same instant: exactly one of them wins, the other gets 409, and
 * the document always keeps an owner (the rule is checked and applied in one storage transaction).
 */
class LastOwnerRaceTest extends WithApiStack {
  private static final int ROUNDS = 30;

  @Test
  void twoOwnersDemotingOrRemovingThemselvesAtOnceLeaveOneOwner() throws Exception {
    CookieClient ann = new CookieClient(port);
    CookieClient ben = new CookieClient(port);
    register(ann, "race.ann");
    register(ben, "race.ben");
    String id = new JsonObject(ann.post("/api/docs", "{\"title\":\"Contested\"}").body()).getString("id");
    String members = "/api/docs/" + id + "/members/";
    assertThat(ann.put(members + "race.ben", "{\"role\":\"owner\"}").statusCode()).isEqualTo(200);

    for (int round = 0; round < ROUNDS; round++) {
      // even rounds: both demote themselves; odd rounds: one leaves, the other demotes itself
      boolean leave = round % 2 == 1;
      List<HttpResponse<String>> answers = atOnce(
          () -> ann.put(members + "race.ann", "{\"role\":\"editor\"}"),
          () -> leave ? ben.delete(members + "race.ben") : ben.put(members + "race.ben", "{\"role\":\"viewer\"}"));

      List<String> owners = owners(ann, ben, id);
      assertThat(owners).as("round %d: owners after %s / %s", round, answers.get(0).statusCode(),
          answers.get(1).statusCode()).hasSize(1);
      long won = answers.stream().filter(r -> r.statusCode() / 100 == 2).count();
      assertThat(won).as("round %d: exactly one of the two changes goes through", round).isEqualTo(1);
      HttpResponse<String> lost = answers.stream().filter(r -> r.statusCode() / 100 != 2).findFirst().orElseThrow();
      assertError(lost, 409, "CONFLICT");

      // the one left as owner makes the other an owner again for the next round
      CookieClient remaining = owners.get(0).equals("race.ann") ? ann : ben;
      String other = owners.get(0).equals("race.ann") ? "race.ben" : "race.ann";
      assertThat(remaining.put(members + other, "{\"role\":\"owner\"}").statusCode()).isEqualTo(200);
    }
  }

  /** The owners' usernames, asked by whichever of the two is still a member. */
  private static List<String> owners(CookieClient a, CookieClient b, String id) {
    HttpResponse<String> r = a.get("/api/docs/" + id + "/members");
    if (r.statusCode() != 200) {
      r = b.get("/api/docs/" + id + "/members");
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray list = new JsonArray(r.body());
    return list.stream().map(o -> (JsonObject) o).filter(m -> "owner".equals(m.getString("role")))
        .map(m -> m.getString("username")).toList();
  }

  /** Runs both requests on their own threads, released together. */
  @SafeVarargs
  private static List<HttpResponse<String>> atOnce(Supplier<HttpResponse<String>>... requests) throws Exception {
    CyclicBarrier start = new CyclicBarrier(requests.length);
    List<CompletableFuture<HttpResponse<String>>> running = java.util.Arrays.stream(requests)
        .map(r -> CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return r.get();
        }, runnable -> new Thread(runnable).start()))
        .toList();
    return running.stream().map(CompletableFuture::join).toList();
  }
}
