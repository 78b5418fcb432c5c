package io.verso.web.api;

import io.verso.convert.ImageStore;
import io.verso.delta.Delta;
import io.verso.delta.Insert;
import io.verso.delta.Op;
import io.verso.protocol.Addresses;
import io.verso.protocol.storage.ImagePutRequest;
import io.verso.runtime.Bus;
import io.verso.web.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An imported file's images become the new document's own, in Verso's image storage, exactly as if
 * they had been uploaded: each sniffed (PNG, JPEG, GIF or WebP, or it is left out and reported), within
 * the upload size and the document's count and bytes (storage checks those). The conversion runs
 * before the document exists, so it gets a placeholder URL per image ({@link Collector}); once the
 * document is created, {@link #place} puts the real URLs in and {@link #store} writes the bytes.
 */
final class ImportImages {
  private static final String PLACEHOLDER = "verso-import-image:";
  private static final SecureRandom RANDOM = new SecureRandom();

  record Image(String id, String contentType, byte[] bytes) {}

  private final EventBus bus;
  private final ImagesConfig limits;

  ImportImages(EventBus bus, ImagesConfig limits) {
    this.bus = bus;
    this.limits = limits;
  }

  /** Stores the images one after another (the document's limits are checked by storage, atomically). */
  Future<Void> store(String docId, Identity who, List<Image> images) {
    Future<Void> chain = Future.succeededFuture();
    for (Image i : images) {
      chain = chain.compose(v -> Bus.request(bus, Addresses.STORAGE_IMAGE_PUT, new ImagePutRequest(docId, i.id(), who.userId(),
          i.contentType(), i.bytes(), limits.maxPerDocument(), limits.maxBytesPerDocument()).toJson()).mapEmpty());
    }
    return chain;
  }

  /** {@code content} with every placeholder replaced by the image's URL in {@code docId}. */
  static Delta place(Delta content, String docId) {
    Delta.Builder b = Delta.builder();
    for (Op op : content.ops()) {
      if (op instanceof Insert ins && ins.isEmbed() && ins.embed().get("image") instanceof String src
          && src.startsWith(PLACEHOLDER)) {
        b.insertEmbed(Map.of("image", ImagesApi.url(docId, src.substring(PLACEHOLDER.length()))),
            ins.attributes() == null ? Map.of() : ins.attributes());
      } else {
        b.push(op);
      }
    }
    return b.build();
  }

  /** The conversion's image store: keeps what passes the upload checks, hands back a placeholder. Worker thread only. */
  static final class Collector implements ImageStore {
    private final int maxBytes;
    private final int maxCount;
    private final List<Image> images = new ArrayList<>();

    Collector(int maxBytes, int maxCount) {
      this.maxBytes = maxBytes;
      this.maxCount = maxCount;
    }

    @Override
    public Optional<String> store(byte[] bytes, String contentType) {
      String type = ImageTypes.sniff(bytes);
      if (type == null || bytes.length > maxBytes || images.size() >= maxCount) {
        return Optional.empty(); // reported by the converter as an image left out
      }
      byte[] id = new byte[16];
      RANDOM.nextBytes(id);
      Image image = new Image(Base64.getUrlEncoder().withoutPadding().encodeToString(id), type, bytes);
      images.add(image);
      return Optional.of(PLACEHOLDER + image.id());
    }

    List<Image> images() {
      return List.copyOf(images);
    }
  }
}
