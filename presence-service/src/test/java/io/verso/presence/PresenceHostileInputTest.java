package io.verso.presence;

import io.verso.presence.wire.PresenceFields;
import static io.verso.presence.PresenceTestSupport.assertPresence;
import static io.verso.presence.PresenceTestSupport.call;
import static io.verso.presence.PresenceTestSupport.eventually;
import static io.verso.presence.PresenceTestSupport.failureCode;
import static io.verso.presence.PresenceTestSupport.heartbeat;
import static io.verso.presence.PresenceTestSupport.leave;
import static io.verso.presence.PresenceTestSupport.list;
import static io.verso.presence.PresenceTestSupport.listRequest;
import static io.verso.presence.PresenceTestSupport.newClientId;
import static io.verso.presence.PresenceTestSupport.newDocId;
import static io.verso.presence.PresenceTestSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.presence.PresenceTestSupport.Events;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.presence.Presence;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Acceptance 5: hostile input gets the right code and stores nothing. Two presence nodes (plain Vert.x
 * instances sharing the real Redis) so that the ownership of a client served by another node is checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceHostileInputTest {
  private static final int BAD_REQUEST = ErrorCode.BAD_REQUEST.code();

  private Vertx one;
  private Vertx two;
  private String doc;
  private String client;
  private Events events;

  @BeforeAll
  void startNodes() throws Exception {
    one = Vertx.vertx();
    two = Vertx.vertx();
    PresenceTestSupport.deploy(one);
    PresenceTestSupport.deploy(two);
  }

  @AfterAll
  void stopNodes() throws Exception {
    one.close().await(10, TimeUnit.SECONDS);
    two.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void aliceIsPresent() throws Exception {
    doc = newDocId();
    client = newClientId();
    events = Events.listen(one, one, doc);
    call(one, "alice", update(doc, client, 1, 0, 0));
    eventually(Duration.ofSeconds(5), "alice in Redis, seen from the other node",
        () -> PresenceTestSupport.listed(two, doc, client) != null);
  }

  @Test
  void missingIdentityIsUnauthenticated() throws Exception {
    int unauthenticated = ErrorCode.UNAUTHENTICATED.code();
    assertThat(failureCode(one, null, update(doc, newClientId(), 1, 0, 0))).isEqualTo(unauthenticated);
    assertThat(failureCode(one, null, leave(doc, client))).isEqualTo(unauthenticated);
    assertThat(failureCode(one, null, heartbeat(doc, client))).isEqualTo(unauthenticated);
    assertThat(failureCode(one, null, listRequest(doc))).isEqualTo(unauthenticated);
    assertThat(failureCode(one, "", update(doc, newClientId(), 1, 0, 0))).isEqualTo(unauthenticated);
    assertNothingElseStored();
  }

  @Test
  void malformedMessagesAreBadRequests() throws Exception {
    String fresh = newClientId();
    JsonObject[] bad = {
        update(doc, "short", 1, 0, 0),
        update(doc, "has spaces in it, which is bad", 1, 0, 0),
        update(doc, "x".repeat(65), 1, 0, 0),
        update(doc, fresh, 1, 0, 0).put("clientId", 1234567890123456789L),
        update(doc, fresh, 1, 0, 0).put("docId", "a.b"),
        update(doc, fresh, 1, 0, 0).put("docId", ""),
        update(doc, fresh, 1, 0, 0).put("docId", "d".repeat(65)),
        update(doc, fresh, 1, 0, 0).putNull("docId"),
        update(doc, fresh, 1, -1, 0),
        update(doc, fresh, 1, 0, -3),
        update(doc, fresh, -1, 0, 0),
        update(doc, fresh, 1, 0, 0).put("rev", "5"),
        update(doc, fresh, 1, 0, 0).put("rev", 1.5),
        update(doc, fresh, 1, 0, 0).put("rev", true),
        update(doc, fresh, 1, 0, 0).put("selection", "abc"),
        update(doc, fresh, 1, 0, 0).put("selection", new JsonArray().add(1).add(2)),
        update(doc, fresh, 1, 0, 0).put("selection", new JsonObject().put("index", "1").put("length", 0)),
        update(doc, fresh, 1, 0, 0).put("selection", new JsonObject().put("index", 1)),
        update(doc, fresh, 1, 0, 0).put("selection", new JsonObject().put("index", 1.0).put("length", 0)),
        update(doc, fresh, 1, 0, 0).put("selection", new JsonObject().put("index", 1).put("length", (Object) null)),
        update(doc, fresh, 1, 0, 0).put("action", "teleport"),
        update(doc, fresh, 1, 0, 0).put("action", 7),
        update(doc, fresh, 1, 0, 0).putNull("action"),
        leave(doc, "short"),
        heartbeat("not/a/doc", fresh),
        listRequest("a b"),
    };
    for (JsonObject body : bad) {
      assertThat(failureCode(one, "mallory", body)).as(body.encode()).isEqualTo(BAD_REQUEST);
    }
    JsonObject missingRev = update(doc, fresh, 1, 0, 0);
    missingRev.remove("rev");
    assertThat(failureCode(one, "mallory", missingRev)).isEqualTo(BAD_REQUEST);
    JsonObject missingSelection = update(doc, fresh, 1, 0, 0);
    missingSelection.remove("selection");
    assertThat(failureCode(one, "mallory", missingSelection)).isEqualTo(BAD_REQUEST);
    assertThat(failureCode(one, "mallory", "not json at all")).isEqualTo(BAD_REQUEST);
    assertThat(failureCode(one, "mallory", new JsonArray().add("update"))).isEqualTo(BAD_REQUEST);
    assertNothingElseStored();
  }

  @Test
  void hugeSelectionsAreTooLarge() throws Exception {
    int tooLarge = ErrorCode.TOO_LARGE.code();
    long rejectedBefore = PresenceTestSupport.stats(one).getLong("rejected");
    String fresh = newClientId();
    JsonObject[] huge = {
        update(doc, fresh, 1, 3_000_000, 0).put("selection", new JsonObject().put("index", 3_000_000_000L).put("length", 0)),
        update(doc, fresh, 1, 0, Integer.MAX_VALUE),
        update(doc, fresh, 1, Integer.MAX_VALUE, Integer.MAX_VALUE),
        update(doc, fresh, 1, PresenceFields.MAX_POSITION, 1),
        update(doc, fresh, 1, PresenceFields.MAX_POSITION / 2 + 1, PresenceFields.MAX_POSITION / 2),
        update(doc, client, 2, 0, PresenceFields.MAX_POSITION + 1),
    };
    for (JsonObject body : huge) {
      assertThat(failureCode(one, "alice", body)).as(body.encode()).isEqualTo(tooLarge);
    }
    assertThat(PresenceTestSupport.stats(one).getLong("rejected") - rejectedBefore).isEqualTo(huge.length);
    assertNothingElseStored();
    // the largest selection allowed is accepted
    call(one, "alice", update(doc, fresh, 1, 0, PresenceFields.MAX_POSITION));
    call(one, "alice", leave(doc, fresh));
  }

  /** The user is the one in the header stamped by the bridge: user ids and names in the body are ignored. */
  @Test
  void userIdsInTheBodyAreIgnored() throws Exception {
    String spoofer = newClientId();
    JsonObject spoofed = update(doc, spoofer, 1, 4, 0).put("userId", "alice").put("name", "Alice")
        .put("color", "#000000").put("nodeId", "elsewhere").put("type", "presence");
    call(one, "mallory", spoofed);
    eventually(Duration.ofSeconds(5), "mallory's state", () -> events.of(spoofer).size() == 1);
    assertPresence(events.of(spoofer).get(0), spoofer, "mallory", 1, 4, 0);
    eventually(Duration.ofSeconds(5), "mallory's entry in Redis",
        () -> PresenceTestSupport.listed(two, doc, spoofer) != null);
    assertPresence(PresenceTestSupport.listed(two, doc, spoofer), spoofer, "mallory", 1, 4, 0);
    // and alice's own client cannot be taken over by claiming to be alice in the body
    assertThat(failureCode(two, "mallory", update(doc, client, 5, 0, 0).put("userId", "alice")))
        .isEqualTo(ErrorCode.FORBIDDEN.code());
    call(one, "mallory", leave(doc, spoofer));
    assertPresence(PresenceTestSupport.listed(two, doc, client), client, "alice", 1, 0, 0);
  }

  /** One user opening editor tabs without end gets RATE_LIMITED past the per-user cap; a leave frees a slot. */
  @Test
  void tabsPerUserAreCapped() throws Exception {
    List<JsonObject> tabs = new ArrayList<>();
    for (int i = 0; i < PresenceTestSupport.MAX_CLIENTS_PER_USER; i++) {
      JsonObject tab = update(newDocId(), newClientId(), 1, 0, 0);
      call(one, "hoarder", tab);
      tabs.add(tab);
    }
    String extra = newClientId();
    assertThat(failureCode(one, "hoarder", update(doc, extra, 1, 0, 0))).isEqualTo(ErrorCode.RATE_LIMITED.code());
    assertThat(events.of(extra)).isEmpty();
    // other users are not affected, and a tab that leaves frees its slot
    call(one, "alice", update(doc, newClientId(), 1, 0, 0));
    JsonObject closed = tabs.remove(0);
    call(one, "hoarder", leave(closed.getString("docId"), closed.getString("clientId")));
    call(one, "hoarder", update(doc, extra, 1, 0, 0));
    eventually(Duration.ofSeconds(5), "the extra tab published", () -> events.of(extra).size() == 1);
    for (JsonObject tab : tabs) {
      call(one, "hoarder", leave(tab.getString("docId"), tab.getString("clientId")));
    }
    call(one, "hoarder", leave(doc, extra));
  }

  @Test
  void anotherUsersClientIsForbiddenOnEveryNode() throws Exception {
    int forbidden = ErrorCode.FORBIDDEN.code();
    // served by node one: checked against the local entry
    assertThat(failureCode(one, "mallory", update(doc, client, 9, 5, 5))).isEqualTo(forbidden);
    assertThat(failureCode(one, "mallory", heartbeat(doc, client))).isEqualTo(forbidden);
    assertThat(failureCode(one, "mallory", leave(doc, client))).isEqualTo(forbidden);
    // sent to node two, which does not serve it: checked against Redis
    assertThat(failureCode(two, "mallory", update(doc, client, 9, 5, 5))).isEqualTo(forbidden);
    assertThat(failureCode(two, "mallory", leave(doc, client))).isEqualTo(forbidden);
    // the owner still may
    call(one, "alice", heartbeat(doc, client));
    assertNothingElseStored();
    assertThat(PresenceTestSupport.stats(one).getInteger("clients")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void leaveRemovesAtOnceAndLeavingTwiceIsHarmless() throws Exception {
    call(one, "alice", leave(doc, client));
    eventually(Duration.ofSeconds(5), "the leave", () -> events.of(client).size() == 2);
    assertThat(events.of(client).get(1)).isEqualTo(new JsonObject().put("type", "leave").put("clientId", client));
    eventually(Duration.ofMillis(1500), "the entry gone from Redis well before its TTL",
        () -> PresenceTestSupport.listed(two, doc, client) == null);
    call(one, "alice", leave(doc, client));
    call(two, "alice", leave(doc, client));
    call(one, "alice", heartbeat(doc, client));
    Thread.sleep(200);
    assertThat(events.of(client)).hasSize(2);
    assertThat(list(one, doc)).isEmpty();
  }

  /** Only alice's state, unchanged, in Redis (seen from node two) and in the events. */
  private void assertNothingElseStored() throws Exception {
    Thread.sleep(300); // let any wrongly accepted write or publish land before looking
    JsonArray fromRedis = list(two, doc);
    assertThat(fromRedis).hasSize(1);
    assertPresence(fromRedis.getJsonObject(0), client, "alice", 1, 0, 0);
    assertThat(events.received()).hasSize(1);
    assertPresence(events.received().get(0).event(), client, "alice", 1, 0, 0);
  }
}
