package io.verso.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.auth.LoginRequest;
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
 * ({@link Memberships}), and the public key other services verify access tokens with.
 */
public class AuthVerticle extends VerticleBase {
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long sweepTimer = -1;
  private WorkerExecutor hashing;
  private WorkerExecutor signupPool;

  @Override
  public Future<?> start() {
    AuthConfig config;
    try {
      config = AuthConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations(),
        config.argon2Parallelism());
    LoginThrottle throttle = new LoginThrottle(config.maxFailuresPerAccount(), config.maxFailuresPerAddress(),
        config.loginWindowMs(), System::currentTimeMillis);
    SignupThrottle signups = new SignupThrottle(config.signup().maxPerAddress(), config.signup().addressWindowMs(),
        config.signup().maxGlobal(), config.signup().globalWindowMs(), System::currentTimeMillis);
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
    return hashing.executeBlocking(() -> new Loaded(SigningKeys.load(config), hasher.hash(UUID.randomUUID().toString())))
        .compose(loaded -> config.privateKeyPem() != null ? Future.succeededFuture(loaded)
            : ClusterKey.adopt(vertx.eventBus(), loaded.keys()).map(keys -> new Loaded(keys, loaded.dummyHash())))
        .compose(loaded -> {
          AccessTokens tokens = new AccessTokens(vertx, loaded.keys(), config.accessTtlSeconds());
          Accounts accounts = new Accounts(vertx.eventBus(), loginHashing, signupHashing, config, hasher,
              loaded.dummyHash(), tokens, new RefreshTokens(loaded.keys().privateKeyPem()), throttle, signups,
              System::currentTimeMillis);
          Memberships members = new Memberships(vertx.eventBus());
          sweepTimer = vertx.setPeriodic(Math.max(1000, Math.min(config.loginWindowMs(), 60_000)), id -> {
            throttle.sweep();
            signups.sweep();
          });

          handle(Addresses.AUTH_REGISTER, (body, msg) -> accounts.register(RegisterRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_LOGIN, (body, msg) -> accounts.login(LoginRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_REFRESH, (body, msg) -> accounts.refresh(RefreshRequest.fromJson(body)).map(SessionGrant::toJson));
          handle(Addresses.AUTH_LOGOUT, (body, msg) -> accounts.logout(LogoutRequest.fromJson(body)).map(v -> new JsonObject()));
          handle(Addresses.AUTH_PUBLIC_KEY, (body, msg) -> Future.succeededFuture(tokens.publicKey().toJson()));
          handle(Addresses.AUTH_ROLE, (body, msg) -> {
            MemberRequest q = MemberRequest.fromJson(body);
            return members.role(q.docId(), q.userId()).map(role -> new JsonObject().put("role", Role.wireOrNone(role)));
          });
          handle(Addresses.AUTH_MEMBER_LIST, (body, msg) -> members.list(DocIdRequest.fromJson(body), actingUser(msg))
              .map(Member::listToJson));
          handle(Addresses.AUTH_MEMBER_PUT, (body, msg) -> members.put(MemberChange.fromJsonWithRole(body), actingUser(msg)));
          handle(Addresses.AUTH_MEMBER_REMOVE, (body, msg) -> members.remove(MemberChange.fromJson(body), actingUser(msg))
              .map(v -> new JsonObject()));
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
        .eventually(() -> signupPool == null ? Future.succeededFuture() : signupPool.close());
  }

  private record Loaded(SigningKeys keys, String dummyHash) {}

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
