package io.verso.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque refresh tokens and session (family) ids. A token is {@code <familyId>.<secret>}: the
 * family id (16 random bytes) lets the auth-service name the session it revokes when a token is
 * reused or logged out, the secret (32 random bytes) makes it unguessable. Both base64url. Only the
 * SHA-256 of a token is stored, so a database leak yields no usable token; since the hash covers
 * the family part too, a token whose hash is known to storage carries its genuine family id.
 */
public final class RefreshTokens {
  /** 16 bytes → 22 characters, 32 bytes → 43 characters of base64url without padding. */
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  public String newFamilyId() {
    return randomString(16);
  }

  /** A new token of the family {@code familyId}. */
  public String newToken(String familyId) {
    return familyId + "." + randomString(32);
  }

  private String randomString(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return B64URL.encodeToString(b);
  }

  /** True when {@code token} could be one of ours (checked before any storage round trip). */
  public static boolean wellFormed(String token) {
    return token != null && FORMAT.matcher(token).matches();
  }

  /** The family id part of a well-formed token. */
  public static String familyOf(String token) {
    return token.substring(0, token.indexOf('.'));
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return B64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
