package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.Role;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Storage keeps an owner on every document, also when owners step down concurrently. */
class OwnerRuleTest {
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(OwnerRuleTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private static Future<JsonObject> put(String doc, String user, Role role) {
    return storage.request(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(doc, user, role).toJson());
  }

  private static Future<JsonObject> remove(String doc, String user) {
    return storage.request(Addresses.STORAGE_MEMBER_REMOVE, new MemberRequest(doc, user, null).toJson());
  }

  private static List<String> owners(String doc) {
    return Member.listFromJson(storage.call(Addresses.STORAGE_MEMBER_LIST, new JsonObject().put("docId", doc)))
        .stream().filter(m -> m.role() == Role.OWNER).map(Member::userId).toList();
  }

  @Test
  void theLastOwnerCanNeitherLeaveNorBeDemoted() {
    String doc = storage.createDoc("solo", "Mine");
    assertThat(StorageFixture.expectFailure(ErrorCode.CONFLICT, put(doc, "solo", Role.EDITOR)))
        .isEqualTo("the last owner cannot leave or be demoted");
    StorageFixture.expectFailure(ErrorCode.CONFLICT, remove(doc, "solo"));
    assertThat(owners(doc)).containsExactly("solo");

    // anyone else comes and goes; a second owner lets the first step down
    await(put(doc, "guest", Role.VIEWER));
    assertThat(await(remove(doc, "guest")).getBoolean("removed")).isTrue();
    assertThat(await(remove(doc, "nobody")).getBoolean("removed")).isFalse();
    await(put(doc, "heir", Role.OWNER));
    await(put(doc, "solo", Role.OWNER)); // already one: no change, no refusal
    await(put(doc, "solo", Role.EDITOR));
    assertThat(owners(doc)).containsExactly("heir");
    StorageFixture.expectFailure(ErrorCode.NOT_FOUND, put("missing-doc", "heir", Role.VIEWER));
    assertThat(await(remove("missing-doc", "heir")).getBoolean("removed")).isFalse();
  }

  @Test
  void concurrentStepDownsLeaveExactlyOneOwner() {
    String doc = storage.createDoc("a", "Contested");
    await(put(doc, "b", Role.OWNER));
    for (int round = 0; round < 40; round++) {
      Future<JsonObject> a = put(doc, "a", Role.EDITOR);
      Future<JsonObject> b = round % 2 == 0 ? put(doc, "b", Role.VIEWER) : remove(doc, "b");
      await(Future.join(a, b).otherwiseEmpty());
      List<Future<JsonObject>> both = List.of(a, b);
      assertThat(both.stream().filter(Future::succeeded).count()).as("round %d", round).isEqualTo(1);
      Future<JsonObject> lost = both.stream().filter(Future::failed).findFirst().orElseThrow();
      assertThat(Failures.codeOf(lost.cause())).isEqualTo(ErrorCode.CONFLICT);
      List<String> owners = owners(doc);
      assertThat(owners).as("round %d", round).hasSize(1);
      await(put(doc, owners.get(0).equals("a") ? "b" : "a", Role.OWNER));
    }
  }
}
