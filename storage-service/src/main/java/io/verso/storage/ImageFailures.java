package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.ImagePutRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The refusals of {@link BlobStore}, worded once for both adapters, and the ETag of an image's bytes. */
final class ImageFailures {
  private ImageFailures() {}

  static VersoException noImage(String docId, String imageId) {
    return ErrorCode.NOT_FOUND.exception("no image " + imageId + " in document " + docId);
  }

  static VersoException overQuota(ImagePutRequest r) {
    return ErrorCode.RATE_LIMITED.exception("the document holds its most images (" + r.maxCount() + ", "
        + r.maxBytes() / (1024 * 1024) + " MiB in all)");
  }

  static VersoException taken(ImagePutRequest r) {
    return ErrorCode.DUPLICATE.exception("image " + r.imageId() + " exists in document " + r.docId());
  }

  static String etag(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
