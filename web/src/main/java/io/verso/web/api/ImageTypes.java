package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import java.util.Locale;

/**
 * What an uploaded image is, from its first bytes (its magic number), never from what the client
 * says: PNG, JPEG, GIF or WebP. Everything else — SVG (which can hold script), HTML, or bytes that
 * claim one type and are another — is refused with UNSUPPORTED_TYPE (415).
 */
final class ImageTypes {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
  private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
  private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
  private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

  private ImageTypes() {}

  /** The declared Content-Type's media type (parameters dropped, lower case) when it is one Verso stores; else 415. */
  static String declared(String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!io.verso.protocol.storage.ImagePutRequest.TYPES.contains(type)) {
      throw unsupported();
    }
    return type;
  }

  /** The type the bytes are, or null when they are none of the four. */
  static String sniff(byte[] b) {
    if (startsWith(b, 0, PNG)) {
      return "image/png";
    }
    if (startsWith(b, 0, JPEG)) {
      return "image/jpeg";
    }
    if (startsWith(b, 0, GIF87) || startsWith(b, 0, GIF89)) {
      return "image/gif";
    }
    if (startsWith(b, 0, RIFF) && startsWith(b, 8, WEBP)) {
      return "image/webp";
    }
    return null;
  }

  /** The bytes' type when it is the declared one; 415 otherwise (a mismatch is refused, not corrected). */
  static String check(String declared, byte[] bytes) {
    String sniffed = sniff(bytes);
    if (!declared.equals(sniffed)) {
      throw unsupported();
    }
    return sniffed;
  }

  private static RuntimeException unsupported() {
    return ErrorCode.UNSUPPORTED_TYPE.exception("an image must be a PNG, JPEG, GIF or WebP file sent with its own "
        + "Content-Type (image/png, image/jpeg, image/gif or image/webp)");
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (b.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
