package io.verso.convert;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** {@code data:} image URLs to bytes and back. */
final class DataUrls {
  private DataUrls() {}

  static String encode(byte[] bytes, String contentType) {
    return "data:" + contentType.toLowerCase(Locale.ROOT) + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** The image of a base64 {@code data:image/…} URL, or empty for anything else. */
  static Optional<ImageSource.Image> decode(String url) {
    if (!url.regionMatches(true, 0, "data:image/", 0, 11)) {
      return Optional.empty();
    }
    int marker = url.indexOf(";base64,");
    if (marker < 0) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(url.substring(marker + 8));
      return Optional.of(new ImageSource.Image(bytes, url.substring(5, marker).toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
