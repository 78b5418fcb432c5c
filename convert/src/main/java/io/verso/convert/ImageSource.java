package io.verso.convert;

import java.util.Optional;

/**
 * Where an export finds an image's bytes (DOCX and PDF embed them; they never fetch a URL
 * themselves). The caller decides what it serves: its own stored images, decoded {@code data:}
 * URLs ({@link #DATA_URLS}), never arbitrary hosts.
 */
@FunctionalInterface
public interface ImageSource {
  /** An image's bytes and content type ({@code image/png}, …). */
  record Image(byte[] bytes, String contentType) {}

  /** The image at {@code url}, or empty: the export then writes a placeholder and reports it. */
  Optional<Image> find(String url);

  /** Serves {@code data:} images only. */
  ImageSource DATA_URLS = DataUrls::decode;

  /** Serves {@code data:} images, then asks {@code next}. */
  default ImageSource orElse(ImageSource next) {
    return url -> {
      Optional<Image> found = find(url);
      return found.isPresent() ? found : next.find(url);
    };
  }
}
