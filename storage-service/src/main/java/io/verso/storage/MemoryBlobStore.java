package io.verso.storage;

import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.StoredImage;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Images in memory for the documents of a {@link MemoryOpLog}, with the same semantics as
 * {@link PgBlobStore} (passes the same contract suite), for fast tests. Lock order: the log's, then this.
 */
public final class MemoryBlobStore implements BlobStore {
  private final MemoryOpLog log;
  private final Map<String, LinkedHashMap<String, StoredImage>> docs = new HashMap<>();

  public MemoryBlobStore(MemoryOpLog log) {
    this.log = log;
  }

  @Override
  public Future<String> put(ImagePutRequest r) {
    return log.read(r.docId(), (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(AppendFailures.noDocument(r.docId()));
      }
      synchronized (this) {
        LinkedHashMap<String, StoredImage> images = docs.computeIfAbsent(r.docId(), d -> new LinkedHashMap<>());
        if (images.containsKey(r.imageId())) {
          return Future.failedFuture(ImageFailures.taken(r));
        }
        long total = images.values().stream().mapToLong(i -> i.bytes().length).sum();
        if (images.size() >= r.maxCount() || total + r.bytes().length > r.maxBytes()) {
          return Future.failedFuture(ImageFailures.overQuota(r));
        }
        String etag = ImageFailures.etag(r.bytes());
        images.put(r.imageId(), new StoredImage(r.contentType(), etag, r.bytes().clone()));
        return Future.succeededFuture(etag);
      }
    });
  }

  @Override
  public Future<StoredImage> get(String docId, String imageId) {
    return log.read(docId, (ops, snaps) -> {
      if (ops == null) {
        return Future.failedFuture(ImageFailures.noImage(docId, imageId));
      }
      synchronized (this) {
        StoredImage image = docs.getOrDefault(docId, new LinkedHashMap<>()).get(imageId);
        return image == null ? Future.failedFuture(ImageFailures.noImage(docId, imageId))
            : Future.succeededFuture(new StoredImage(image.contentType(), image.etag(), image.bytes().clone()));
      }
    });
  }
}
