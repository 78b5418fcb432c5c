package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/docs?q=} over HTTP with two users: the text of one's documents is found by word
 * prefixes and said to be ({@code "match":"text"}), a title match says {@code "title"}, the other
 * user's text is never found, tsquery syntax is text, more than ten words is 400.
 */
class DocsSearchApiTest {
  private static ApiStack stack;
  private static CookieClient alice;
  private static CookieClient bob;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    int port = stack.web(true).port();
    alice = new CookieClient(port);
    bob = new CookieClient(port);
    register(alice, "search.alice");
    register(bob, "search.bob");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  /** A document of {@code who} whose text is {@code text}, saved as storage has it after a snapshot. */
  private static String document(CookieClient who, String title, String text) {
    HttpResponse<String> created = who.post("/api/docs", new JsonObject().put("title", title).encode());
    assertThat(created.statusCode()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("id");
    JsonArray content = new JsonArray().add(new JsonObject().put("insert", text + "\n"));
    await(stack.vertx.eventBus().request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(id, List.of(
        new OpRecord(1, "client-0000000000000001", 1, "someone", 1_700_000_000_000L, content))).toJson()));
    await(stack.vertx.eventBus().request(Addresses.STORAGE_SNAPSHOT_SAVE, new SnapshotSaveRequest(id, 1, content).toJson()));
    return id;
  }

  private static HttpResponse<String> list(CookieClient who, String q) {
    return who.get("/api/docs?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
  }

  /** id → match of the answer, in its order. */
  private static Map<String, Object> found(CookieClient who, String q) {
    HttpResponse<String> r = list(who, q);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> found = new LinkedHashMap<>();
    for (Object o : new JsonArray(r.body())) {
      JsonObject d = (JsonObject) o;
      assertThat(d.fieldNames()).containsExactlyInAnyOrder("id", "title", "role", "updatedAt", "match");
      found.put(d.getString("id"), d.getValue("match"));
    }
    return found;
  }

  @Test
  void eachUserFindsTheTextOfTheirOwnDocumentsOnly() {
    String trip = document(alice, "Holiday", "Flights to Zanzibar, hotel in Stone Town. Café au lait.");
    String notes = document(alice, "Zanzibar notes", "Spices");
    String bobs = document(bob, "Bob's", "Zanzibar spices and café");

    assertThat(found(alice, "zanz")).containsExactly(Map.entry(notes, "title"), Map.entry(trip, "text"));
    assertThat(found(alice, "STONE flig café")).containsExactly(Map.entry(trip, "text"));
    assertThat(found(alice, "spices")).containsExactly(Map.entry(notes, "text"));
    assertThat(found(bob, "zanz café")).containsExactly(Map.entry(bobs, "text"));
    assertThat(found(bob, "stone")).isEmpty();
    assertThat(found(alice, "!zanz:* | (")).as("tsquery syntax is only text").containsOnlyKeys(trip);
    assertThat(found(alice, "zanz & !stone")).as("& and ! separate words, never negate").containsOnlyKeys(trip);

    JsonArray all = new JsonArray(alice.get("/api/docs").body());
    assertThat(all).hasSize(2);
    assertThat(all).allSatisfy(d -> assertThat(((JsonObject) d).containsKey("match")).as("no search, no match").isFalse());

    assertError(list(alice, "a b c d e f g h i j k"), 400, "BAD_REQUEST");
    assertThat(found(alice, "a b c d e f g h i j")).isEmpty();
    assertError(list(alice, "x".repeat(101)), 400, "BAD_REQUEST");
  }
}
