package io.verso.storage;

import static io.verso.storage.OpLogContract.assertFails;
import static io.verso.storage.OpLogContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.ImagePutRequest;
import io.verso.protocol.storage.StoredImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The image storage contract: every {@link BlobStore} implementation passes these cases. */
abstract class BlobStoreContract {
  static final String MISSING = "no-such-doc";
  private static final AtomicInteger IDS = new AtomicInteger();

  abstract BlobStore store();

  abstract OpLogFixture fixture();

  String doc() {
    return fixture().createDocument("Images");
  }

  static String imageId() {
    return "img-" + IDS.incrementAndGet() + "-0000000000000000";
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static ImagePutRequest image(String doc, String id, byte[] bytes, int maxCount, long maxBytes) {
    return new ImagePutRequest(doc, id, "ann", "image/png", bytes, maxCount, maxBytes);
  }

  @Test
  void anImageReadsBackAsStoredWithTheSha256OfItsBytesAsEtag() {
    String doc = doc();
    String id = imageId();
    byte[] png = bytes("\u0089PNG\r\n\u001a\nabc");
    String etag = await(store().put(new ImagePutRequest(doc, id, "ann", "image/webp", png, 10, 1000)));
    assertThat(etag).isEqualTo(ImageFailures.etag(png)).hasSize(64);
    StoredImage read = await(store().get(doc, id));
    assertThat(read.contentType()).isEqualTo("image/webp");
    assertThat(read.etag()).isEqualTo(etag);
    assertThat(read.bytes()).isEqualTo(png);
  }

  @Test
  void anImageIsNamedWithinItsDocumentOnly() {
    String doc = doc();
    String other = doc();
    String id = imageId();
    await(store().put(image(doc, id, bytes("one"), 10, 1000)));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().get(other, id)));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().get(doc, imageId())));
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().get(MISSING, id)));
  }

  @Test
  void aDocumentThatDoesNotExistTakesNoImage() {
    assertFails(ErrorCode.NOT_FOUND, null, () -> await(store().put(image(MISSING, imageId(), bytes("x"), 10, 1000))));
  }

  @Test
  void anImageIdIsNeverReplaced() {
    String doc = doc();
    String id = imageId();
    await(store().put(image(doc, id, bytes("first"), 10, 1000)));
    assertFails(ErrorCode.DUPLICATE, null, () -> await(store().put(image(doc, id, bytes("second"), 10, 1000))));
    assertThat(await(store().get(doc, id)).bytes()).isEqualTo(bytes("first"));
  }

  @Test
  void theDocumentsCountAndBytesLimitsHold() {
    String doc = doc();
    await(store().put(image(doc, imageId(), bytes("12345"), 2, 10)));
    // bytes: 5 + 6 > 10
    assertFails(ErrorCode.RATE_LIMITED, null, () -> await(store().put(image(doc, imageId(), bytes("123456"), 2, 10))));
    await(store().put(image(doc, imageId(), bytes("12345"), 2, 10)));
    // count: a third image, however small
    assertFails(ErrorCode.RATE_LIMITED, null, () -> await(store().put(image(doc, imageId(), bytes("1"), 2, 100))));
    // another document has its own
    await(store().put(image(doc(), imageId(), bytes("12345"), 2, 10)));
  }

  @Test
  void concurrentUploadsNeverPassTheCountTogether() {
    String doc = doc();
    List<io.vertx.core.Future<String>> puts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      puts.add(store().put(image(doc, imageId(), bytes("img" + i), 3, 1000)));
    }
    int stored = 0;
    for (var f : puts) {
      try {
        await(f);
        stored++;
      } catch (RuntimeException e) {
        assertThat(e).hasMessageContaining("most images");
      }
    }
    assertThat(stored).isEqualTo(3);
  }
}
