package io.verso.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "JavaScript:x", " java\tscript:x", "jav\u0000ascript:x",
      "data:text/html,<script>", "vbscript:x", "file:///etc/passwd", ""})
  void scriptCapableOrMalformedLinksAreUnsafe(String url) {
    assertFalse(SafeUrl.isSafeLink(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/a?b=c:d", "http://x", "mailto:a@b.c", "tel:+331", "/relative/path",
      "page#frag:x", "?q=a:b"})
  void ordinaryLinksAreSafe(String url) {
    assertTrue(SafeUrl.isSafeLink(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo=", "data:image/webp;base64,UklGRg=="})
  void base64RasterDataUrlsAreInlineImages(String url) {
    assertTrue(SafeUrl.isInlineImage(url), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"data:image/svg+xml;base64,PHN2Zz4=", "data:text/html;base64,PHNjcmlwdD4=",
      "data:image/png,<svg>", "https://x/y.png"})
  void otherUrlsAreNotInlineImages(String url) {
    assertFalse(SafeUrl.isInlineImage(url), url);
  }
}
