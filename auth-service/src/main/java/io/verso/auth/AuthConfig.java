package io.verso.auth;

import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;

/**
 * Configuration of the auth-service, read once from the verticle's config. Keys may be given flat
 * ({@code "auth.accessTtlSeconds": 900}) or nested ({@code "auth": {"accessTtlSeconds": 900}}).
 *
 * @param dataDir            {@code verso.data.dir}: where generated signing keys are kept
 * @param privateKeyPem      {@code auth.jwt.privateKeyPem}: PKCS#8 EC P-256 key (embedding and tests);
 *                           null: the key file, else a key generated under dataDir
 * @param publicKeyPem       {@code auth.jwt.publicKeyPem}: the matching SubjectPublicKeyInfo PEM
 * @param accessTtlSeconds   {@code auth.accessTtlSeconds}: access token lifetime, 1..900 (default 900)
 * @param refreshTtlSeconds  {@code auth.refreshTtlSeconds}: refresh token lifetime (default 30 days)
 * @param argon2MemoryKiB    {@code auth.argon2.memoryKiB} (default 19456, OWASP's minimum for argon2id)
 * @param argon2Iterations   {@code auth.argon2.iterations} (default 2)
 * @param argon2Parallelism  {@code auth.argon2.parallelism} (default 1)
 * @param maxFailuresPerAccount {@code auth.login.maxFailuresPerAccount}: failed logins in a window before 429 (default 20)
 * @param maxFailuresPerAddress {@code auth.login.maxFailuresPerAddress}: same per client address (default 100)
 * @param loginWindowMs      {@code auth.login.windowMs}: the sliding window (default 15 minutes)
 * @param refreshGraceMs     {@code auth.refresh.graceMs}: how long after its rotation a refresh token
 *                           is answered again with the same successor instead of counting as reuse
 *                           (two tabs refreshing at once); 0..60000, default 20000, 0 turns it off
 * @param signup             {@code auth.signup.*}: whether anyone may sign up, and how often
 * @param hashing            {@code auth.hashing.*}: the password-hashing pools and their queues
 * @param keyFiles           {@code auth.jwt.keyFile}, {@code auth.jwt.nextKeyFile}, {@code auth.jwt.previousKeyFile}
 * @param redisUri           {@code redis.uri} (the app's {@code --redis-url}): where login and sign-up
 *                           attempts are counted for every node; null: in this node's memory
 */
public record AuthConfig(String dataDir, String privateKeyPem, String publicKeyPem, int accessTtlSeconds,
                         long refreshTtlSeconds, int argon2MemoryKiB, int argon2Iterations, int argon2Parallelism,
                         int maxFailuresPerAccount, int maxFailuresPerAddress, long loginWindowMs,
                         long refreshGraceMs, Signup signup, Hashing hashing, KeyFiles keyFiles,
                         String redisUri) {

  public static final String ISSUER = "verso";
  public static final String ALGORITHM = "ES256";
  public static final int MAX_ACCESS_TTL_SECONDS = 900;
  /** A window longer than a minute would only widen what a stolen, already rotated token is good for. */
  public static final long MAX_REFRESH_GRACE_MS = 60_000;

  public AuthConfig {
    if (accessTtlSeconds < 1 || accessTtlSeconds > MAX_ACCESS_TTL_SECONDS) {
      throw new IllegalArgumentException("auth.accessTtlSeconds must be 1..900");
    }
    if (refreshTtlSeconds < 60) {
      throw new IllegalArgumentException("auth.refreshTtlSeconds must be at least 60");
    }
    if (argon2MemoryKiB < 8 * argon2Parallelism || argon2Iterations < 1 || argon2Parallelism < 1) {
      throw new IllegalArgumentException("bad auth.argon2 parameters");
    }
    if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1 || loginWindowMs < 1) {
      throw new IllegalArgumentException("bad auth.login throttling parameters");
    }
    if (refreshGraceMs < 0 || refreshGraceMs > MAX_REFRESH_GRACE_MS) {
      throw new IllegalArgumentException("auth.refresh.graceMs must be 0.." + MAX_REFRESH_GRACE_MS);
    }
    if ((privateKeyPem == null) != (publicKeyPem == null)) {
      throw new IllegalArgumentException("auth.jwt.privateKeyPem and auth.jwt.publicKeyPem go together");
    }
    if (privateKeyPem != null && keyFiles.given()) {
      throw new IllegalArgumentException("auth.jwt.privateKeyPem and auth.jwt.keyFile are two current keys: set one");
    }
  }

  /**
   * PEM files of PKCS#8 P-256 private keys (mounted secrets), see docs/auth.md "Signing keys".
   *
   * @param current  {@code auth.jwt.keyFile}: signs new tokens; null: {@code privateKeyPem} or a generated key
   * @param next     {@code auth.jwt.nextKeyFile}: verify-only, the key the next rotation makes current
   * @param previous {@code auth.jwt.previousKeyFile}: verify-only, the key the last rotation retired
   */
  public record KeyFiles(String current, String next, String previous) {
    /** True when the node signs with a key it was given rather than one it would generate. */
    public boolean given() {
      return current != null;
    }
  }

  /** True when the signing key is configured (PEM or file), not generated under dataDir. */
  public boolean signingKeyGiven() {
    return privateKeyPem != null || keyFiles.given();
  }

  /**
   * Sign-up ({@code POST /api/auth/register}).
   *
   * @param open            {@code auth.signup.mode} (or {@code auth.signup} given as a string): {@code open}
   *                        (default) or {@code closed} (every sign-up is 403; accounts are made by an
   *                        operator: {@code verso.jar add-user}); anything else refuses to start
   * @param maxPerAddress   {@code auth.signup.maxPerAddress}: sign-ups per client address in the window (default 10)
   * @param addressWindowMs {@code auth.signup.addressWindowMs} (default 1 hour)
   * @param maxGlobal       {@code auth.signup.maxGlobal}: sign-ups of all addresses in the window, per node (default 60)
   * @param globalWindowMs  {@code auth.signup.globalWindowMs} (default 1 minute)
   */
  public record Signup(boolean open, int maxPerAddress, long addressWindowMs, int maxGlobal, long globalWindowMs) {
    public Signup {
      if (maxPerAddress < 1 || addressWindowMs < 1 || maxGlobal < 1 || globalWindowMs < 1) {
        throw new IllegalArgumentException("bad auth.signup limits");
      }
    }
  }

  /**
   * Password hashing: logins and sign-ups each on a worker pool of their own, each with a bound on
   * the hashes waiting for a thread (beyond it: 503 with Retry-After), so a sign-up burst can
   * neither grow an endless queue nor delay logins.
   *
   * @param loginThreads      {@code auth.hashing.loginThreads} (default: one per core)
   * @param maxWaitingLogins  {@code auth.hashing.maxWaitingLogins} (default 64)
   * @param signupThreads     {@code auth.hashing.signupThreads} (default 1)
   * @param maxWaitingSignups {@code auth.hashing.maxWaitingSignups} (default 4)
   */
  public record Hashing(int loginThreads, int maxWaitingLogins, int signupThreads, int maxWaitingSignups) {
    public Hashing {
      if (loginThreads < 1 || signupThreads < 1 || maxWaitingLogins < 0 || maxWaitingSignups < 0) {
        throw new IllegalArgumentException("bad auth.hashing parameters");
      }
    }
  }

  public static AuthConfig from(JsonObject config) {
    String dataDir = Configs.string(config, "verso.data.dir", System.getProperty("verso.data.dir", "data"));
    return new AuthConfig(dataDir,
        Configs.string(config, "auth.jwt.privateKeyPem", null),
        Configs.string(config, "auth.jwt.publicKeyPem", null),
        Configs.integer(config, "auth.accessTtlSeconds", MAX_ACCESS_TTL_SECONDS),
        Configs.longValue(config, "auth.refreshTtlSeconds", 30L * 24 * 3600),
        Configs.integer(config, "auth.argon2.memoryKiB", 19456),
        Configs.integer(config, "auth.argon2.iterations", 2),
        Configs.integer(config, "auth.argon2.parallelism", 1),
        Configs.integer(config, "auth.login.maxFailuresPerAccount", 20),
        Configs.integer(config, "auth.login.maxFailuresPerAddress", 100),
        Configs.longValue(config, "auth.login.windowMs", 15L * 60 * 1000),
        Configs.longValue(config, "auth.refresh.graceMs", 20_000L),
        new Signup(signupOpen(lookup(config, "auth.signup.mode") == null && lookup(config, "auth.signup") instanceof String mode
                ? mode : Configs.string(config, "auth.signup.mode", "open")),
            Configs.integer(config, "auth.signup.maxPerAddress", 10),
            Configs.longValue(config, "auth.signup.addressWindowMs", 3_600_000L),
            Configs.integer(config, "auth.signup.maxGlobal", 60),
            Configs.longValue(config, "auth.signup.globalWindowMs", 60_000L)),
        new Hashing(Configs.integer(config, "auth.hashing.loginThreads", Math.max(1, Runtime.getRuntime().availableProcessors())),
            Configs.integer(config, "auth.hashing.maxWaitingLogins", 64),
            Configs.integer(config, "auth.hashing.signupThreads", 1),
            Configs.integer(config, "auth.hashing.maxWaitingSignups", 4)),
        new KeyFiles(Configs.string(config, "auth.jwt.keyFile", null),
            Configs.string(config, "auth.jwt.nextKeyFile", null),
            Configs.string(config, "auth.jwt.previousKeyFile", null)),
        blankToNull(Configs.string(config, "redis.uri", null)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static boolean signupOpen(String mode) {
    return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "open" -> true;
      case "closed" -> false;
      default -> throw new IllegalArgumentException("auth.signup.mode must be open or closed, not '" + mode + "'");
    };
  }

  static Object lookup(JsonObject config, String key) {
    return Configs.lookup(config, key);
  }
}
