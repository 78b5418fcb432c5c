package io.verso.web.api;

import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;

/**
 * The limits of image uploads, read once ({@code images.*} keys of the web tier's configuration).
 *
 * @param maxBytes          {@code images.maxBytes}: the largest image, counted while it arrives (default 5 MiB)
 * @param maxPerDocument    {@code images.maxPerDocument}: images a document may hold (default 200)
 * @param maxBytesPerDocument {@code images.maxBytesPerDocument}: bytes of images a document may hold (default 100 MiB)
 * @param uploadsPerMinute  {@code images.uploadsPerMinute}: uploads one user may start per minute on one
 *                          node, as a burst refilled evenly (default 30)
 */
public record ImagesConfig(int maxBytes, int maxPerDocument, long maxBytesPerDocument, int uploadsPerMinute) {
  public ImagesConfig {
    if (maxBytes < 1 || maxPerDocument < 1 || maxBytesPerDocument < maxBytes || uploadsPerMinute < 1) {
      throw new IllegalArgumentException("images.maxBytes, images.maxPerDocument and images.uploadsPerMinute must be "
          + "positive, and images.maxBytesPerDocument at least images.maxBytes");
    }
  }

  public static ImagesConfig from(JsonObject config) {
    return new ImagesConfig(Configs.integer(config, "images.maxBytes", 5 * 1024 * 1024),
        Configs.integer(config, "images.maxPerDocument", 200),
        Configs.longValue(config, "images.maxBytesPerDocument", 100L * 1024 * 1024),
        Configs.integer(config, "images.uploadsPerMinute", 30));
  }
}
