package io.verso.convert;

import io.verso.protocol.SafeUrl;
import java.util.Optional;

/**
 * Where an import puts the images it finds: the hook through which the API stores them (image
 * storage) and puts the stored image's URL in the document. The default keeps small images inline
 * as {@code data:} URLs, as the op policy allows, and remote {@code http(s)} images by their URL.
 */
public interface ImageStore {
  /** The URL for an image found in the file as bytes, or empty to leave it out (reported). */
  Optional<String> store(byte[] bytes, String contentType);

  /** The URL for an image the file points to (already safe), or empty to leave it out (reported). */
  default Optional<String> remote(String url) {
    return Optional.of(url);
  }

  /** Inline {@code data:} URLs up to {@code maxDataUrlChars} (PNG, JPEG, GIF, WebP only). */
  static ImageStore inline(int maxDataUrlChars) {
    return (bytes, contentType) -> {
      String url = DataUrls.encode(bytes, contentType);
      return url.length() <= maxDataUrlChars && SafeUrl.isInlineImage(url) ? Optional.of(url) : Optional.empty();
    };
  }
}
