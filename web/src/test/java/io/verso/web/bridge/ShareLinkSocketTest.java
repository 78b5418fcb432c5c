package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.web.api.CookieClient;
import io.verso.web.e2e.FullStack;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A socket that came with a share link's token (headers.link of its register and send frames) holds
 * the link's role and no more: a viewer link cannot submit; an upgrade, a reset and turning the link
 * off reach the open socket at once, as a role change does.
 */
class ShareLinkSocketTest extends WithBridgeStack {
  private int seq;

  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject());
  }

  private String newDoc() {
    return new JsonObject(alice.post("/api/docs", "{\"title\":\"linked\"}").body()).getString("id");
  }

  private String link(String docId, String role) {
    return new JsonObject(alice.put("/api/docs/" + docId + "/link", new JsonObject().put("role", role).encode()).body())
        .getString("token");
  }

  private static JsonObject headers(String token) {
    return new JsonObject().put("link", token);
  }

  private static void register(BridgeSocket s, String docId, String token) {
    s.send(new JsonObject().put("type", "register").put("address", Addresses.docEvents(docId)).put("headers", headers(token)));
  }

  private static JsonObject open(BridgeSocket s, String docId, String token) {
    return request(s, docId, new JsonObject().put("action", "open"), token);
  }

  private static JsonObject request(BridgeSocket s, String docId, JsonObject body, String token) {
    String reply = "link-r" + System.nanoTime();
    JsonObject frame = new JsonObject().put("type", "send").put("address", Addresses.doc(docId)).put("replyAddress", reply)
        .put("body", body);
    if (token != null) {
      frame.put("headers", headers(token));
    }
    s.send(frame);
    return s.next(f -> reply.equals(f.getString("address")));
  }

  private JsonObject submit(BridgeSocket s, String docId, long rev, String text) {
    return request(s, docId, new JsonObject().put("action", "submit").put("clientId", "link-client-0000001")
        .put("seq", ++seq).put("baseRev", rev).put("ops", new JsonArray().add(new JsonObject().put("insert", text))), null);
  }

  private static JsonObject eventsFrame(BridgeSocket s, String docId, String type) {
    return s.next(f -> Addresses.docEvents(docId).equals(f.getString("address")) && type.equals(f.getString("type")));
  }

  @Test
  void aViewerLinkReadsButCannotSubmitAndAnUpgradeReachesTheOpenSocket() {
    String docId = newDoc();
    String token = link(docId, "viewer");
    try (BridgeSocket s = socket(bob)) {
      assertThat(open(s, docId, null).getInteger("failureCode")).as("no link: a stranger").isEqualTo(403);
      register(s, docId, token);
      JsonObject opened = open(s, docId, token);
      assertThat(opened.getJsonObject("body").getString("role")).isEqualTo("viewer");
      long rev = opened.getJsonObject("body").getLong("rev");
      assertThat(submit(s, docId, rev, "x").getInteger("failureCode")).isEqualTo(403);
      assertThat(stack.open(docId, "x").getLong("rev")).isEqualTo(rev);

      link(docId, "editor");
      JsonObject role = s.next(f -> Addresses.docEvents(docId).equals(f.getString("address"))
          && f.getJsonObject("body") != null && "role".equals(f.getJsonObject("body").getString("type")));
      assertThat(role.getJsonObject("body").getString("role")).isEqualTo("editor");
      assertThat(submit(s, docId, rev, "by link").getJsonObject("body").getLong("rev")).isEqualTo(rev + 1);
    }
  }

  @Test
  void turningTheLinkOffClosesItsSocketsAtOnce() {
    String docId = newDoc();
    String token = link(docId, "editor");
    try (BridgeSocket s = socket(bob)) {
      register(s, docId, token);
      long rev = open(s, docId, token).getJsonObject("body").getLong("rev");
      assertThat(alice.delete("/api/docs/" + docId + "/link").statusCode()).isEqualTo(204);
      JsonObject err = eventsFrame(s, docId, "err");
      assertThat(err.getInteger("failureCode")).isEqualTo(403);
      assertThat(submit(s, docId, rev, "too late").getInteger("failureCode")).isEqualTo(403);
      assertThat(stack.open(docId, "x").getLong("rev")).isEqualTo(rev);
      register(s, docId, token);
      assertThat(eventsFrame(s, docId, "err").getInteger("failureCode")).as("the dead token again").isEqualTo(403);
    }
  }

  @Test
  void aResetInvalidatesTheOldTokenOnOpenSocketsAndNewOnes() {
    String docId = newDoc();
    String old = link(docId, "commenter");
    try (BridgeSocket s = socket(bob)) {
      register(s, docId, old);
      assertThat(open(s, docId, old).getJsonObject("body").getString("role")).isEqualTo("commenter");
      String fresh = new JsonObject(alice.post("/api/docs/" + docId + "/link/reset", null).body()).getString("token");
      assertThat(eventsFrame(s, docId, "err").getInteger("failureCode")).isEqualTo(403);
      assertThat(open(s, docId, null).getInteger("failureCode")).isEqualTo(403);
      // the page that gets the new link goes on with it on the same socket
      register(s, docId, fresh);
      assertThat(open(s, docId, fresh).getJsonObject("body").getString("role")).isEqualTo("commenter");
    }
    try (BridgeSocket other = socket(bob)) {
      assertThat(open(other, docId, old).getInteger("failureCode")).isEqualTo(403);
    }
  }

  @Test
  void aMemberRemovedKeepsWhatTheLinkGives() {
    String docId = newDoc();
    CookieClient owner = alice;
    assertThat(owner.put("/api/docs/" + docId + "/members/bob", "{\"role\":\"editor\"}").statusCode()).isEqualTo(200);
    String token = link(docId, "viewer");
    try (BridgeSocket s = socket(bob)) {
      register(s, docId, token);
      assertThat(open(s, docId, token).getJsonObject("body").getString("role")).isEqualTo("editor");
      assertThat(owner.delete("/api/docs/" + docId + "/members/bob").statusCode()).isEqualTo(204);
      JsonObject role = s.next(f -> Addresses.docEvents(docId).equals(f.getString("address"))
          && f.getJsonObject("body") != null && "role".equals(f.getJsonObject("body").getString("type")));
      assertThat(role.getJsonObject("body").getString("role")).isEqualTo("viewer");
    }
  }
}
