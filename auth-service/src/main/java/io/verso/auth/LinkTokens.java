package io.verso.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Share-link tokens: 256 random bits (base64url, 43 characters), kept only as their SHA-256, compared
 * in constant time so the time an answer takes says nothing about how close a guess was.
 */
final class LinkTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private LinkTokens() {}

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hex SHA-256 storage keeps. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code token} is the one whose hash is {@code storedHash}: constant time in the hashes. */
  static boolean matches(String token, String storedHash) {
    return storedHash != null && MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
