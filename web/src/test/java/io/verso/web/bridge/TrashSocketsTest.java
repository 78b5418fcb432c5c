package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.api.CookieClient;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trash over HTTP and on open sockets: moving a document there tells every socket watching it
 * at once and refuses its ops; only an owner lists, restores and deletes it forever, anyone else
 * gets what a stranger gets (404); a restore gives everything back; purge and delete forever leave
 * nothing. The list's search, sort and filter parameters.
 */
class TrashSocketsTest extends WithBridgeStack {
  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject(), new JsonObject());
  }

  private static JsonObject open(BridgeSocket s, String docId) {
    return s.request(Addresses.doc(docId), new JsonObject().put("action", "open"));
  }

  private static JsonObject submit(BridgeSocket s, String docId, String client, long seq, long baseRev, String text) {
    return s.request(Addresses.doc(docId), new JsonObject().put("action", "submit").put("clientId", client).put("seq", seq)
        .put("baseRev", baseRev).put("ops", new JsonArray().add(new JsonObject().put("insert", text))));
  }

  private static void assertError(java.net.http.HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo(code);
  }

  private static List<String> ids(String json) {
    return new JsonArray(json).stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void trashingTellsOpenSocketsRefusesOpsAndRestoreBringsItAllBack() throws Exception {
    String docId = docSharedWithBob(alice);
    CookieClient carol = user("carol");
    String events = Addresses.docEvents(docId);
    try (BridgeSocket aliceSocket = socket(alice); BridgeSocket bobSocket = socket(bob)) {
      aliceSocket.register(events);
      bobSocket.register(events);
      assertThat(open(aliceSocket, docId).getString("type")).isEqualTo("rec");
      assertThat(submit(bobSocket, docId, "bob-trash-client-01", 1, 0, "kept through the trash").getString("type"))
          .isEqualTo("rec");

      // only the owner moves it to the trash
      assertError(bob.delete("/api/docs/" + docId), 403, "FORBIDDEN");
      assertError(carol.delete("/api/docs/" + docId), 404, "NOT_FOUND");
      assertThat(alice.delete("/api/docs/" + docId).statusCode()).isEqualTo(204);
      for (BridgeSocket s : List.of(aliceSocket, bobSocket)) {
        JsonObject told = s.next(f -> events.equals(f.getString("address")) && f.getJsonObject("body") != null
            && "trashed".equals(f.getJsonObject("body").getString("type")));
        assertThat(told.getString("type")).isEqualTo("rec");
      }
      assertThat(submit(bobSocket, docId, "bob-trash-client-01", 2, 1, "refused").getInteger("failureCode")).isEqualTo(403);
      assertThat(open(aliceSocket, docId).getInteger("failureCode")).isEqualTo(403);
    }

    // every member now gets a stranger's answers; only the owner sees and handles the trash
    for (CookieClient member : List.of(alice, bob)) {
      assertError(member.get("/api/docs/" + docId), 404, "NOT_FOUND");
      assertError(member.get("/api/docs/" + docId + "/export?format=txt"), 404, "NOT_FOUND");
      assertThat(ids(member.get("/api/docs").body())).doesNotContain(docId);
    }
    JsonArray trash = new JsonArray(alice.get("/api/trash").body());
    assertThat(trash).hasSize(1);
    assertThat(trash.getJsonObject(0).getString("id")).isEqualTo(docId);
    assertThat(trash.getJsonObject(0).getLong("purgeAt") - trash.getJsonObject(0).getLong("trashedAt"))
        .isEqualTo(30L * 24 * 3600 * 1000);
    for (CookieClient other : List.of(bob, carol)) {
      assertThat(new JsonArray(other.get("/api/trash").body())).isEmpty();
      assertError(other.post("/api/trash/" + docId + "/restore", null), 404, "NOT_FOUND");
      assertError(other.delete("/api/trash/" + docId), 404, "NOT_FOUND");
    }
    assertError(alice.post("/api/trash/not%20an%20id/restore", null), 404, "NOT_FOUND");
    // a script on another site cannot restore or delete forever with alice's cookies
    assertError(alice.send("POST", "/api/trash/" + docId + "/restore", null, java.util.Map.of("Origin", "https://evil.example")),
        403, "FORBIDDEN");
    assertError(alice.send("DELETE", "/api/trash/" + docId, null, java.util.Map.of("Origin", "https://evil.example")),
        403, "FORBIDDEN");

    // restored: members, history and content back
    assertThat(alice.post("/api/trash/" + docId + "/restore", null).statusCode()).isEqualTo(204);
    assertThat(new JsonObject(bob.get("/api/docs/" + docId).body()).getString("role")).isEqualTo("editor");
    assertThat(bob.get("/api/docs/" + docId + "/export?format=txt").body()).contains("kept through the trash");
    try (BridgeSocket bobSocket = socket(bob)) {
      assertThat(submit(bobSocket, docId, "bob-trash-client-02", 1, 1, "after restore").getString("type")).isEqualTo("rec");
    }
    assertThat(new JsonArray(alice.get("/api/trash").body())).isEmpty();

    // deleted forever: nowhere, nothing left to restore
    assertThat(alice.delete("/api/docs/" + docId).statusCode()).isEqualTo(204);
    assertThat(alice.delete("/api/trash/" + docId).statusCode()).isEqualTo(204);
    assertThat(new JsonArray(alice.get("/api/trash").body())).isEmpty();
    assertError(alice.post("/api/trash/" + docId + "/restore", null), 404, "NOT_FOUND");
  }

  @Test
  void theListSearchesSortsFiltersAndRefusesBadParameters() {
    CookieClient dana = user("dana");
    String mine = new JsonObject(dana.post("/api/docs", "{\"title\":\"Zebra notes\"}").body()).getString("id");
    String other = new JsonObject(dana.post("/api/docs", "{\"title\":\"apple notes\"}").body()).getString("id");
    String shared = docSharedWithBob(alice);
    assertThat(alice.put("/api/docs/" + shared + "/members/dana", "{\"role\":\"viewer\"}").statusCode()).isEqualTo(200);

    assertThat(ids(dana.get("/api/docs?sort=title").body())).containsExactly(other, shared, mine);
    assertThat(ids(dana.get("/api/docs?q=NOTES&sort=title").body())).containsExactly(other, mine);
    assertThat(ids(dana.get("/api/docs?filter=mine&sort=title").body())).containsExactly(other, mine);
    assertThat(ids(dana.get("/api/docs?filter=shared").body())).containsExactly(shared);
    assertThat(ids(dana.get("/api/docs?q=%25").body())).isEmpty();
    assertThat(ids(dana.get("/api/docs?limit=1&sort=title").body())).containsExactly(other);
    assertError(dana.get("/api/docs?sort=size"), 400, "BAD_REQUEST");
    assertError(dana.get("/api/docs?filter=all&filter=mine"), 400, "BAD_REQUEST");
    assertError(dana.get("/api/docs?limit=1001"), 400, "BAD_REQUEST");
    assertError(dana.get("/api/docs?limit=-1"), 400, "BAD_REQUEST");
    assertError(dana.get("/api/docs?q=" + "x".repeat(101)), 400, "BAD_REQUEST");
  }
}
