package io.verso.protocol.auth;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;

/**
 * The share-link token as it travels: in the HTTP header {@link #HTTP_HEADER} of every API call about
 * the document, in {@code headers.link} of a socket's {@code register} and {@code send} frames, and on
 * the bus in {@link Addresses#HEADER_LINK} / a body's {@code link}. 32 random bytes, base64url without
 * padding (43 characters); only its SHA-256 is stored.
 */
public final class ShareLinkToken {
  /** The HTTP request header carrying a link token. */
  public static final String HTTP_HEADER = "X-Verso-Link";
  /** The key of a bridge frame's {@code headers} object carrying a link token. */
  public static final String FRAME_HEADER = "link";
  /** Length of a token: 32 bytes in base64url without padding. */
  public static final int LENGTH = 43;

  private ShareLinkToken() {}

  /**
   * The token a request carries: null when none; the token when it has the form of one; else
   * NOT_FOUND, as a wrong token gets (a malformed one tells a guesser nothing more).
   */
  public static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s && s.length() == LENGTH && Addresses.isToken(s, 0, LENGTH, LENGTH, LENGTH)) {
      return s;
    }
    throw ErrorCode.NOT_FOUND.exception();
  }
}
