package io.verso.storage;

import static io.verso.storage.StorageFixture.await;
import static io.verso.storage.StorageFixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.LoadResult;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.OpsResult;
import io.verso.protocol.storage.RangeRequest;
import io.verso.protocol.storage.RefreshRotateResult;
import io.verso.protocol.Role;
import io.verso.protocol.storage.UserRecord;
import io.verso.storage.testing.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event-bus API of the storage-service, address by address, on real PostgreSQL. */
class StorageApiTest {
  private static final long HOUR = 3_600_000L;
  private static StorageFixture storage;

  @BeforeAll
  static void deploy() {
    storage = StorageFixture.deploy(TestPostgres.storageConfig(StorageApiTest.class));
  }

  @AfterAll
  static void undeploy() {
    storage.close();
  }

  private static JsonObject call(String address, JsonObject body) {
    return storage.call(address, body);
  }

  @Test
  void documentsLifecycle() throws Exception {
    DocRecord doc = DocRecord.fromJson(call(Addresses.STORAGE_DOC_CREATE,
        new JsonObject().put("ownerId", "alice").put("title", "  Plan  ")));
    assertThat(doc.title()).isEqualTo("Plan");
    assertThat(doc.ownerId()).isEqualTo("alice");
    assertThat(doc.headRev()).isZero();
    assertThat(Addresses.DOC_ID.matcher(doc.id()).matches()).isTrue();
    assertThat(doc.createdAt()).isPositive();

    assertThat(DocRecord.fromJson(call(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", doc.id()))))
        .isEqualTo(doc);
    java.util.concurrent.BlockingQueue<JsonObject> published = new java.util.concurrent.LinkedBlockingQueue<>();
    var renames = storage.vertx.eventBus().<JsonObject>consumer(Addresses.STORAGE_DOC_RENAMED, m -> published.add(m.body()));
    await(renames.completion());
    DocRecord renamed = DocRecord.fromJson(call(Addresses.STORAGE_DOC_RENAME,
        new JsonObject().put("docId", doc.id()).put("title", "Plan B")));
    assertThat(renamed.title()).isEqualTo("Plan B");
    assertThat(renamed.updatedAt()).isGreaterThanOrEqualTo(doc.updatedAt());
    // published once committed, for the web tiers to tell open pages
    assertThat(DocRecord.fromJson(published.poll(10, java.util.concurrent.TimeUnit.SECONDS))).isEqualTo(renamed);

    List<DocSummary> list = DocSummary.listFromJson(call(Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "alice")));
    assertThat(list).extracting(DocSummary::id, DocSummary::title, DocSummary::role)
        .contains(org.assertj.core.groups.Tuple.tuple(doc.id(), "Plan B", Role.OWNER));
    assertThat(DocSummary.listFromJson(call(Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "nobody"))))
        .isEmpty();

    call(Addresses.STORAGE_DOC_DELETE, new JsonObject().put("docId", doc.id()));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", doc.id()));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_DELETE, new JsonObject().put("docId", doc.id()));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_DOC_RENAME,
        new JsonObject().put("docId", doc.id()).put("title", "x"));
    assertThat(published).as("a refused rename publishes nothing").isEmpty();
    await(renames.unregister());
    assertThat(DocSummary.listFromJson(call(Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", "alice"))))
        .extracting(DocSummary::id).doesNotContain(doc.id());
  }

  @Test
  void members() {
    UserRecord bob = UserRecord.fromJson(call(Addresses.STORAGE_USER_CREATE,
        new JsonObject().put("username", "bob-m").put("displayName", "Bob").put("passwordHash", "h")));
    String doc = storage.createDoc("owner-m", "Shared");
    call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(doc, bob.id(), Role.VIEWER).toJson());
    assertThat(MemberRequest.roleOf(call(Addresses.STORAGE_MEMBER_GET, new MemberRequest(doc, bob.id(), null).toJson())))
        .isEqualTo(Role.VIEWER);
    call(Addresses.STORAGE_MEMBER_PUT, new MemberRequest(doc, bob.id(), Role.EDITOR).toJson());
    List<Member> members = Member.listFromJson(call(Addresses.STORAGE_MEMBER_LIST, new JsonObject().put("docId", doc)));
    assertThat(members).containsExactly(
        new Member("owner-m", "owner-m", "owner-m", Role.OWNER), // no user row: the id stands in
        new Member(bob.id(), "bob-m", "Bob", Role.EDITOR));
    assertThat(call(Addresses.STORAGE_MEMBER_REMOVE, new MemberRequest(doc, bob.id(), null).toJson())
        .getBoolean("removed")).isTrue();
    assertThat(call(Addresses.STORAGE_MEMBER_REMOVE, new MemberRequest(doc, bob.id(), null).toJson())
        .getBoolean("removed")).isFalse();
    assertThat(MemberRequest.roleOf(call(Addresses.STORAGE_MEMBER_GET, new MemberRequest(doc, bob.id(), null).toJson())))
        .isNull();
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_MEMBER_PUT,
        new MemberRequest("missing-doc", bob.id(), Role.VIEWER).toJson());
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_MEMBER_LIST, new JsonObject().put("docId", "missing-doc"));
  }

  @Test
  void users() {
    JsonObject created = call(Addresses.STORAGE_USER_CREATE,
        new JsonObject().put("username", "carol").put("displayName", "Carol C").put("passwordHash", "$argon2$x"));
    assertThat(created.containsKey("passwordHash")).isFalse();
    UserRecord carol = UserRecord.fromJson(created);
    assertThat(UserRecord.fromJson(call(Addresses.STORAGE_USER_GET, new JsonObject().put("username", "carol"))))
        .isEqualTo(new UserRecord(carol.id(), "carol", "Carol C", "$argon2$x"));
    assertThat(UserRecord.fromJson(call(Addresses.STORAGE_USER_GET, new JsonObject().put("id", carol.id()))).username())
        .isEqualTo("carol");
    assertThat(storage.failure(ErrorCode.CONFLICT, Addresses.STORAGE_USER_CREATE,
        new JsonObject().put("username", "carol").put("displayName", "Other").put("passwordHash", "h")))
        .isEqualTo("username taken");
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_USER_GET, new JsonObject().put("username", "nobody-here"));
  }

  @Test
  void refreshTokensRotateAndReuseRevokesTheFamily() {
    long exp = System.currentTimeMillis() + HOUR;
    call(Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "h1").put("familyId", "fam-1")
        .put("userId", "u1").put("expiresAt", exp));
    RefreshRotateResult r = RefreshRotateResult.fromJson(call(Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "h1").put("newTokenHash", "h2").put("expiresAt", exp)));
    assertThat(r).isEqualTo(new RefreshRotateResult("u1", "fam-1"));
    call(Addresses.STORAGE_REFRESH_ROTATE, new JsonObject().put("tokenHash", "h2").put("newTokenHash", "h3")
        .put("expiresAt", exp));
    // h1 is presented again: theft. The family is revoked, even its newest token h3.
    assertThat(storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "h1").put("newTokenHash", "h9").put("expiresAt", exp)))
        .isEqualTo("refresh token reuse");
    assertThat(storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "h3").put("newTokenHash", "h4").put("expiresAt", exp)))
        .isEqualTo("refresh token revoked");
    assertThat(storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "unknown").put("newTokenHash", "h5").put("expiresAt", exp)))
        .isEqualTo("unknown refresh token");

    // expired
    call(Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "old").put("familyId", "fam-2")
        .put("userId", "u2").put("expiresAt", System.currentTimeMillis() - 1000));
    assertThat(storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "old").put("newTokenHash", "new").put("expiresAt", exp)))
        .isEqualTo("refresh token expired");

    // logout: revoke by token or by family
    call(Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "k1").put("familyId", "fam-3")
        .put("userId", "u3").put("expiresAt", exp));
    assertThat(call(Addresses.STORAGE_REFRESH_REVOKE, new JsonObject().put("tokenHash", "k1")).getString("userId"))
        .isEqualTo("u3");
    assertThat(storage.failure(ErrorCode.UNAUTHENTICATED, Addresses.STORAGE_REFRESH_ROTATE,
        new JsonObject().put("tokenHash", "k1").put("newTokenHash", "k2").put("expiresAt", exp)))
        .isEqualTo("refresh token revoked");
    assertThat(call(Addresses.STORAGE_REFRESH_REVOKE, new JsonObject().put("familyId", "no-such-family"))
        .getValue("userId")).isNull();
    storage.failure(ErrorCode.CONFLICT, Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "k1")
        .put("familyId", "fam-4").put("userId", "u4").put("expiresAt", exp));
  }

  @Test
  void opLogThroughTheBus() {
    String doc = storage.createDoc("o", "log");
    await(storage.append(doc, op(1, "a", 1), op(2, "b", 1)));
    await(storage.append(doc, op(3, "a", 2)));
    call(Addresses.STORAGE_SNAPSHOT_SAVE, new JsonObject().put("docId", doc).put("rev", 2)
        .put("content", new JsonArray().add(new JsonObject().put("insert", "ab\n"))));
    LoadResult load = LoadResult.fromJson(call(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", doc)));
    assertThat(load.headRev()).isEqualTo(3);
    assertThat(load.title()).isEqualTo("log");
    assertThat(load.snapshot().rev()).isEqualTo(2);
    assertThat(load.ops()).containsExactly(op(3, "a", 2));
    assertThat(load.clients()).hasSize(2);
    OpsResult range = OpsResult.fromJson(call(Addresses.STORAGE_OPS_RANGE, new RangeRequest(doc, 1, 2L, 10).toJson()));
    assertThat(range.ops()).extracting(OpRecord::rev).containsExactly(2L);
    assertThat(call(Addresses.STORAGE_OPS_FIND, new JsonObject().put("docId", doc).put("userId", "user-b").put("clientId", "b").put("seq", 1))
        .getLong("rev")).isEqualTo(2);
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_OPS_FIND,
        new JsonObject().put("docId", doc).put("userId", "user-b").put("clientId", "b").put("seq", 2));
    assertThat(DocRecord.fromJson(call(Addresses.STORAGE_DOC_GET, new JsonObject().put("docId", doc))).headRev())
        .isEqualTo(3);

    // deleting the document deletes its ops (no foreign key does it), and nothing can be appended after
    call(Addresses.STORAGE_DOC_DELETE, new JsonObject().put("docId", doc));
    storage.failure(ErrorCode.NOT_FOUND, Addresses.STORAGE_OPS_FIND,
        new JsonObject().put("docId", doc).put("userId", "user-a").put("clientId", "a").put("seq", 1));
    Throwable refused = await(storage.append(doc, op(4, "a", 3))
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())));
    assertThat(Failures.codeOf(refused)).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void statsAndHealth() {
    JsonObject stats = call(Addresses.STORAGE_STATS, new JsonObject());
    assertThat(stats.fieldNames()).contains("transactions", "appendRequests", "appendedOps", "conflicts",
        "duplicates", "maxBatch");
    JsonObject health = call(Addresses.STORAGE_HEALTH, new JsonObject());
    assertThat(health.getBoolean("ok")).isTrue();
    assertThat(health.getString("breaker")).isEqualTo("CLOSED");
  }

  @Test
  void tooLargeAppendIsRefused() {
    String doc = storage.createDoc("o", "big");
    OpRecord big = new OpRecord(1, "c", 1, "u", 1,
        new JsonArray().add(new JsonObject().put("insert", "x".repeat(5 << 20))));
    storage.failure(ErrorCode.TOO_LARGE, Addresses.STORAGE_OPS_APPEND,
        new JsonObject().put("docId", doc).put("ops", new JsonArray().add(big.toJson())));
    assertThat(await(storage.append(doc, op(1, "c", 1))).getLong("headRev")).isEqualTo(1);
  }

  /** Every address answers malformed or hostile bodies with BAD_REQUEST, and keeps working. */
  @Test
  void hostileMessagesAreBadRequestsOnEveryAddress() throws Exception {
    List<Object> everywhere = List.of("a string", 42, new JsonArray().add(1), Buffer.buffer("{}"), true);
    for (String address : storageAddresses()) {
      for (Object body : everywhere) {
        storage.failure(ErrorCode.BAD_REQUEST, address, body);
      }
      storage.failure(ErrorCode.BAD_REQUEST, address, null);
    }
    String doc = storage.createDoc("o", "hostile");
    String longId = "x".repeat(10_000);
    JsonObject goodOp = op(1, "c", 1).toJson();
    List<Object[]> cases = new ArrayList<>();
    for (String address : List.of(Addresses.STORAGE_DOC_LOAD, Addresses.STORAGE_DOC_GET, Addresses.STORAGE_DOC_DELETE,
        Addresses.STORAGE_MEMBER_LIST, Addresses.STORAGE_OPS_RANGE, Addresses.STORAGE_OPS_APPEND,
        Addresses.STORAGE_SNAPSHOT_SAVE, Addresses.STORAGE_OPS_FIND, Addresses.STORAGE_DOC_RENAME,
        Addresses.STORAGE_MEMBER_GET, Addresses.STORAGE_MEMBER_PUT, Addresses.STORAGE_MEMBER_REMOVE)) {
      cases.add(new Object[] {address, new JsonObject()});
      cases.add(new Object[] {address, new JsonObject().put("docId", 7)});
      cases.add(new Object[] {address, new JsonObject().put("docId", "../../etc")});
      cases.add(new Object[] {address, new JsonObject().put("docId", "a\u0000b")});
      cases.add(new Object[] {address, new JsonObject().put("docId", longId)});
      cases.add(new Object[] {address, new JsonObject().put("docId", new JsonObject())});
    }
    String a = Addresses.STORAGE_OPS_APPEND;
    cases.add(new Object[] {a, new JsonObject().put("docId", doc)});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray())});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", "[]")});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(1))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().addNull())});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("rev", "1")))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("rev", 0)))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("rev", -5)))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("rev", 1.5)))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("seq", 0)))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("clientId", "")))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("clientId", longId)))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(goodOp.copy().put("ops", "x")))});
    JsonObject noUser = goodOp.copy();
    noUser.remove("userId");
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(noUser))});
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops",
        new JsonArray().add(op(1, "c", 1).toJson()).add(op(3, "c", 2).toJson()))}); // not contiguous
    cases.add(new Object[] {a, new JsonObject().put("docId", doc).put("ops", new JsonArray().add(
        goodOp.copy().put("ops", new JsonArray().add(new JsonObject().put("insert", "nul\u0000")))))}); // jsonb refuses NUL
    cases.add(new Object[] {Addresses.STORAGE_OPS_RANGE, new JsonObject().put("docId", doc).put("fromRev", -1)});
    cases.add(new Object[] {Addresses.STORAGE_OPS_RANGE, new JsonObject().put("docId", doc).put("fromRev", 0).put("limit", 0)});
    cases.add(new Object[] {Addresses.STORAGE_OPS_RANGE, new JsonObject().put("docId", doc).put("fromRev", 0).put("limit", 1_000_000)});
    cases.add(new Object[] {Addresses.STORAGE_OPS_RANGE, new JsonObject().put("docId", doc).put("fromRev", "0")});
    cases.add(new Object[] {Addresses.STORAGE_SNAPSHOT_SAVE, new JsonObject().put("docId", doc).put("rev", 0).put("content", "x")});
    cases.add(new Object[] {Addresses.STORAGE_SNAPSHOT_SAVE, new JsonObject().put("docId", doc).put("rev", 99).put("content", new JsonArray())});
    cases.add(new Object[] {Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", "o")});
    cases.add(new Object[] {Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", "o").put("title", "   ")});
    cases.add(new Object[] {Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", "o").put("title", "t".repeat(201))});
    cases.add(new Object[] {Addresses.STORAGE_DOC_CREATE, new JsonObject().put("ownerId", 5).put("title", "t")});
    cases.add(new Object[] {Addresses.STORAGE_DOC_CREATE, new JsonObject().put("title", "t")});
    cases.add(new Object[] {Addresses.STORAGE_DOC_RENAME, new JsonObject().put("docId", doc).put("title", "a\u0000")});
    cases.add(new Object[] {Addresses.STORAGE_DOC_LIST, new JsonObject()});
    cases.add(new Object[] {Addresses.STORAGE_DOC_LIST, new JsonObject().put("userId", new JsonArray())});
    cases.add(new Object[] {Addresses.STORAGE_MEMBER_PUT, new JsonObject().put("docId", doc).put("userId", "u")});
    cases.add(new Object[] {Addresses.STORAGE_MEMBER_PUT, new JsonObject().put("docId", doc).put("userId", "u").put("role", "admin")});
    cases.add(new Object[] {Addresses.STORAGE_MEMBER_PUT, new JsonObject().put("docId", doc).put("userId", "u").put("role", "OWNER")});
    cases.add(new Object[] {Addresses.STORAGE_MEMBER_GET, new JsonObject().put("docId", doc)});
    cases.add(new Object[] {Addresses.STORAGE_OPS_FIND, new JsonObject().put("docId", doc).put("userId", "user-c").put("clientId", "c").put("seq", 0)});
    cases.add(new Object[] {Addresses.STORAGE_USER_CREATE, new JsonObject().put("username", "u").put("displayName", "d")});
    cases.add(new Object[] {Addresses.STORAGE_USER_CREATE, new JsonObject().put("username", "u".repeat(65)).put("displayName", "d").put("passwordHash", "h")});
    cases.add(new Object[] {Addresses.STORAGE_USER_GET, new JsonObject()});
    cases.add(new Object[] {Addresses.STORAGE_USER_GET, new JsonObject().put("id", "a").put("username", "b")});
    cases.add(new Object[] {Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "t").put("familyId", "f").put("userId", "u")});
    cases.add(new Object[] {Addresses.STORAGE_REFRESH_CREATE, new JsonObject().put("tokenHash", "t").put("familyId", "f").put("userId", "u").put("expiresAt", Long.MAX_VALUE)});
    cases.add(new Object[] {Addresses.STORAGE_REFRESH_ROTATE, new JsonObject().put("tokenHash", "t")});
    cases.add(new Object[] {Addresses.STORAGE_REFRESH_REVOKE, new JsonObject()});
    cases.add(new Object[] {Addresses.STORAGE_REFRESH_REVOKE, new JsonObject().put("familyId", "f").put("tokenHash", "t")});
    for (Object[] c : cases) {
      storage.failure(ErrorCode.BAD_REQUEST, (String) c[0], c[1]);
    }
    // nothing was written, and the service still works
    LoadResult load = LoadResult.fromJson(call(Addresses.STORAGE_DOC_LOAD, new JsonObject().put("docId", doc)));
    assertThat(load.headRev()).isZero();
    assertThat(load.snapshot()).isNull();
    assertThat(await(storage.append(doc, op(1, "c", 1))).getLong("headRev")).isEqualTo(1);
    assertThat(call(Addresses.STORAGE_HEALTH, new JsonObject()).getString("breaker")).isEqualTo("CLOSED");
  }

  /** Every {@code STORAGE_*} constant of {@link Addresses}: a new address is covered automatically. */
  private static List<String> storageAddresses() throws IllegalAccessException {
    List<String> out = new ArrayList<>();
    for (Field f : Addresses.class.getFields()) {
      if (f.getName().startsWith("STORAGE_") && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    out.remove(Addresses.STORAGE_DOC_RENAMED); // published by storage, not a request address
    assertThat(out).hasSizeGreaterThanOrEqualTo(21);
    return out;
  }
}
