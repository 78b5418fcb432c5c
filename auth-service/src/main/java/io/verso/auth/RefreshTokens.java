package io.verso.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque refresh tokens and session (family) ids. A token is {@code <familyId>.<secret>}: the
 * family id (16 random bytes) lets the auth-service name the session it revokes when a token is
 * reused or logged out, the secret (32 random bytes) makes it unguessable. Both base64url. Only the
 * SHA-256 of a token is stored, so a database leak yields no usable token; since the hash covers
 * the family part too, a token whose hash is known to storage carries its genuine family id.
 *
 * <p>The token a refresh rotates to ({@link #successor}) is not random but an HMAC of the presented
 * token under a key derived from the cluster's signing key: every node computes the same successor
 * for the same token, so a second presentation within the grace window (two tabs refreshing at
 * once) can be answered with the very token the first one got, though only its hash is stored.
 * Without the key the successor is as unpredictable as a random one.
 */
public final class RefreshTokens {
  /** 16 bytes → 22 characters, 32 bytes → 43 characters of base64url without padding. */
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private static final String SUCCESSOR_LABEL = "verso refresh-token successor v1";

  private final SecureRandom random = new SecureRandom();
  private final byte[] successorKey;

  /** {@code signingKeyPem}: the cluster's private signing key, the secret the successor key is derived from. */
  public RefreshTokens(String signingKeyPem) {
    this.successorKey = hmac(signingKeyPem.getBytes(StandardCharsets.UTF_8), SUCCESSOR_LABEL);
  }

  /** The token a refresh of {@code token} (well-formed) rotates to: same family, secret derived from the token. */
  public String successor(String token) {
    byte[] secret = hmac(successorKey, token);
    return familyOf(token) + "." + B64URL.encodeToString(secret);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing", e);
    }
  }

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
