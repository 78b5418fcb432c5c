package io.verso.auth;

import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * argon2id password hashing (BouncyCastle's Argon2BytesGenerator), encoded in the PHC string format
 * {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash} so parameters can be raised later without breaking
 * stored hashes. CPU- and memory-heavy: callers run it off the event loop, and it refuses to run on
 * one (IllegalStateException), so a slip is a failing test rather than a stalled node.
 */
public final class PasswordHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{16,128})\\$([A-Za-z0-9+/]{16,128})");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  /** Upper bounds accepted when verifying a stored hash, so a corrupt row cannot exhaust the node. */
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 64;

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** A fresh PHC-encoded argon2id hash with a random salt. */
  public String hash(String password) {
    requireWorker();
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /**
   * True when {@code password} matches {@code encoded}. The comparison is constant-time; an
   * unparseable hash is a mismatch (after comparable work, so it does not stand out in timing).
   */
  public boolean verify(String password, String encoded) {
    requireWorker();
    Matcher m = encoded == null ? null : PHC.matcher(encoded);
    if (m == null || !m.matches()) {
      hash(password);
      return false;
    }
    int mem = Integer.parseInt(m.group(1));
    int t = Integer.parseInt(m.group(2));
    int p = Integer.parseInt(m.group(3));
    if (mem > MAX_MEMORY_KIB || t > MAX_ITERATIONS || p < 1 || t < 1 || mem < 8 * p) {
      hash(password);
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64D.decode(m.group(4));
      expected = B64D.decode(m.group(5));
    } catch (IllegalArgumentException e) {
      hash(password);
      return false;
    }
    byte[] actual = derive(password, salt, mem, t, p, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private static void requireWorker() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("password hashing must not run on an event loop");
    }
  }

  private static byte[] derive(String password, byte[] salt, int mem, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(mem)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
