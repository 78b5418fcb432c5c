package io.verso.auth;

import io.verso.auth.throttle.ThrottleStore;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.Fields;
import io.verso.protocol.auth.LoginRequest;
import io.verso.protocol.auth.ShareLinkToken;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.auth.LogoutRequest;
import io.verso.protocol.auth.MemberChange;
import io.verso.protocol.auth.RefreshRequest;
import io.verso.protocol.auth.RegisterRequest;
import io.verso.protocol.auth.SessionGrant;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The auth-service on the event bus: accounts and sessions ({@link Accounts}), roles and members
 * ({@link Memberships}), and the public keys other services verify access tokens with (the
 * private key stays in this process: it comes from a file or configuration, never the bus).
 */
public class AuthVerticle extends VerticleBase {
  static final String MISSING_CLUSTER_KEY = "a clustered auth-service needs the cluster's signing key: set "
      + "--signing-key=FILE (VERSO_SIGNING_KEY_FILE, config auth.jwt.keyFile), the same PKCS#8 P-256 PEM on "
      + "every node, mounted as a secret (see docs/auth.md, Signing keys)";
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long sweepTimer = -1;
  private WorkerExecutor hashing;
  private WorkerExecutor signupPool;
  private ThrottleStore throttleStore;

  @Override
  public Future<?> start() {
    AuthConfig config;
    try {
      config = AuthConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (!config.signingKeyGiven() && vertx.isClustered()) {
      // a generated key is this node's alone: tokens it signs would fail on every other node
      return Future.failedFuture(new IllegalStateException(MISSING_CLUSTER_KEY));
    }
    PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations(),
        config.argon2Parallelism());
    throttleStore = ThrottleStore.open(vertx, config.redisUri(), vertx.isClustered());
    LoginThrottle throttle = new LoginThrottle(config.maxFailuresPerAccount(), config.maxFailuresPerAddress(),
        config.loginWindowMs(), throttleStore.log(), System::currentTimeMillis);
    SignupThrottle signups = new SignupThrottle(config.signup().maxPerAddress(), config.signup().addressWindowMs(),
        config.signup().maxGlobal(), config.signup().globalWindowMs(), throttleStore.log(), System::currentTimeMillis);
    AuthConfig.Hashing pools = config.hashing();
    // password hashing gets its own pool, one thread per core: more would only queue on the CPUs;
    // sign-ups another, small one, so a burst of them never delays a login
    hashing = vertx.createSharedWorkerExecutor("verso-auth-hashing", pools.loginThreads());
    signupPool = vertx.createSharedWorkerExecutor("verso-auth-signup-hashing", pools.signupThreads());
    HashingQueue loginHashing = new HashingQueue(hashing, pools.loginThreads(), pools.maxWaitingLogins(),
        "too many logins at once");
    HashingQueue signupHashing = new HashingQueue(signupPool, pools.signupThreads(), pools.maxWaitingSignups(),
        "too many sign-ups at once");
    // key files and the dummy hash (verified for unknown users) are blocking work: on a worker
    return hashing.executeBlocking(() -> new Loaded(KeyRing.load(config), hasher.hash(UUID.randomUUID().toString())))
        .compose(loaded -> {
          AccessTokens tokens = new AccessTokens(vertx, loaded.keys(), config.accessTtlSeconds());
          Accounts accounts = new Accounts(vertx.eventBus(), loginHashing, signupHashing, config, hasher,
              loaded.dummyHash(), tokens, new RefreshTokens(loaded.keys().current().privateKeyPem()), throttle, signups,
              System::currentTimeMillis);
          Memberships members = new Memberships(vertx.eventBus());
          LinkRoles linkRoles = new LinkRoles(vertx.eventBus(), throttleStore.log(), System::currentTimeMillis,
              LinkRoles.MAX_FAILURES);
          ShareLinkSettings links = new ShareLinkSettings(vertx.eventBus(), members);
          UserSearch search = new UserSearch(vertx.eventBus(), throttleStore.log(), System::currentTimeMillis,
              UserSearch.MAX_PER_WINDOW);
          sweepTimer = vertx.setPeriodic(Math.max(1000, Math.min(config.loginWindowMs(), 60_000)), id -> {
            throttle.sweep();
            signups.sweep();
          });

          handle(Addresses.AUTH_REGISTER, (body, msg) -> accounts.register(RegisterRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_LOGIN, (body, msg) -> accounts.login(LoginRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_REFRESH, (body, msg) -> accounts.refresh(RefreshRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_LOGOUT, (body, msg) -> accounts.logout(LogoutRequest.fromJson(body)).map(v -> new JsonObject()));
          handle(Addresses.AUTH_PUBLIC_KEY, (body, msg) -> Future.succeededFuture(tokens.publicKeys().toJson()));
          handle(Addresses.AUTH_ROLE, (body, msg) -> {
            MemberRequest q = MemberRequest.fromJson(body);
            // "link": the share-link token the socket came with (optional): the better of both roles
            return members.role(q.docId(), q.userId(), ShareLinkToken.of(body.getValue("link")))
                .map(role -> new JsonObject().put("role", Role.wireOrNone(role)));
          });
          handle(Addresses.AUTH_MEMBER_LIST, (body, msg) -> members.list(DocIdRequest.fromJson(body), actingUser(msg), link(msg))
              .map(Member::listToJson));
          handle(Addresses.AUTH_MEMBER_PUT, (body, msg) -> members.put(MemberChange.fromJsonWithRole(body), actingUser(msg)));
          handle(Addresses.AUTH_MEMBER_REMOVE, (body, msg) -> members.remove(MemberChange.fromJson(body), actingUser(msg))
              .map(v -> new JsonObject()));
          handle(Addresses.AUTH_LINK_ROLE, (body, msg) -> linkRoles.role(Fields.docId(body, "docId"),
                  Fields.string(body, "userId", OpRecord.MAX_ID_LENGTH), ShareLinkToken.of(body.getValue("link")))
              .map(role -> new JsonObject().put("role", Role.wireOrNone(role))));
          handle(Addresses.AUTH_LINK_GET, (body, msg) -> links.get(docId(body), actingUser(msg)));
          handle(Addresses.AUTH_LINK_SET, (body, msg) -> links.set(docId(body), Role.of(body.getValue("role") instanceof String r
              ? r : null), actingUser(msg)));
          handle(Addresses.AUTH_LINK_RESET, (body, msg) -> links.reset(docId(body), actingUser(msg)));
          handle(Addresses.AUTH_LINK_OFF, (body, msg) -> links.off(docId(body), actingUser(msg)));
          handle(Addresses.AUTH_USER_SEARCH, (body, msg) -> search.search(body.getValue("q"), actingUser(msg)));
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        });
  }

  @Override
  public Future<?> stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
        .eventually(() -> hashing == null ? Future.succeededFuture() : hashing.close())
        .eventually(() -> signupPool == null ? Future.succeededFuture() : signupPool.close())
        .eventually(() -> throttleStore == null ? Future.succeededFuture() : throttleStore.close());
  }

  private record Loaded(KeyRing keys, String dummyHash) {}

  /** The share-link token a request came with (null: none; malformed: NOT_FOUND). */
  private static String link(Message<JsonObject> msg) {
    return ShareLinkToken.of(msg.headers().get(Addresses.HEADER_LINK));
  }

  /** The requested id as sent: one no document can have is NOT_FOUND in the role check, like a stranger's. */
  private static String docId(JsonObject body) {
    return body.getValue("docId") instanceof String s ? s : null;
  }

  private static String actingUser(Message<JsonObject> msg) {
    return msg.headers().get(Addresses.HEADER_USER_ID);
  }

  /** Registers a consumer whose handler always ends in a reply or a fail, whatever it throws. */
  private void handle(String address, BiFunction<JsonObject, Message<JsonObject>, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, msg -> Failures.respond(msg, () -> {
      if (!(msg.body() instanceof JsonObject)) {
        throw ErrorCode.BAD_REQUEST.exception("a JSON object body is required");
      }
      return handler.apply(msg.body(), msg);
    })));
  }
}
