package io.verso.storage;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe ids: 22 characters of base64url from 16 SecureRandom bytes (match Addresses.DOC_ID). */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  public static String random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return ENC.encodeToString(b);
  }
}
