package io.verso.storage;

import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.StoredImage;
import io.vertx.core.Future;

/**
 * The images of documents: bytes the web tier has sniffed and checked, kept with their document and
 * removed with it. Storage keeps what it is given, except the document's limits, which only it can
 * check atomically. Implementations: {@link PgBlobStore} and {@link MemoryBlobStore}; both pass
 * {@code BlobStoreContract}.
 */
public interface BlobStore {
  /**
   * Stores an image; its ETag value is the hex SHA-256 of its bytes. NOT_FOUND: no document;
   * RATE_LIMITED: the document would hold more than {@code maxCount} images or {@code maxBytes} bytes
   * of them; DUPLICATE: the image id is taken in the document.
   */
  Future<String> put(ImagePutRequest image);

  /** An image of a document. NOT_FOUND: no such document or no such image in it. */
  Future<StoredImage> get(String docId, String imageId);
}
