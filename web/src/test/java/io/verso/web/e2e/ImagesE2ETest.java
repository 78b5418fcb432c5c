package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Images (issue 26) in Chromium with two people on one document: an image added with the toolbar's
 * button, pasted or dropped is uploaded, the op carries only its URL on this document, and the other
 * person's page shows it; a refused upload says so and inserts nothing.
 */
class ImagesE2ETest extends WithAliceAndBob {
  private static final String IMAGE_URL = "/api/docs/%s/images/[A-Za-z0-9_-]{22}";

  @Override
  String title() {
    return "Images";
  }

  @BeforeAll
  void bobEditsToo() {
    setRole("bob", "editor");
    openDoc(alice);
    openDoc(bob);
  }

  static byte[] png(Color color) {
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 40, 30);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The image sources in c's document, in order. */
  @SuppressWarnings("unchecked")
  private static List<String> images(Chrome c) {
    return (List<String>) c.js("return window.__verso.contents().filter(op => op.insert && op.insert.image)"
        + ".map(op => op.insert.image)");
  }

  /** How many images c's page shows loaded (decoded, with a size). */
  private static long loadedImages(Chrome c) {
    return ((Number) c.js("return Array.from(document.querySelectorAll('#editor img'))"
        + ".filter(i => i.complete && i.naturalWidth === 40).length")).longValue();
  }

  private void awaitNewImageEverywhere(int before) {
    alice.await("alice's image inserted", () -> images(alice).size() == before + 1);
    String src = images(alice).get(before);
    assertThat(src).matches(String.format(IMAGE_URL, docId)).doesNotContain("data:");
    alice.await("saved", () -> "saved".equals(alice.status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    bob.await("bob sees it", () -> images(bob).contains(src) && loadedImages(bob) == before + 1);
    assertThat(loadedImages(alice)).isEqualTo(before + 1);
    // a text alternative for screen readers: the file's name
    assertThat(bob.js("return Array.from(document.querySelectorAll('#editor img')).every(i => i.getAttribute('alt'))"))
        .as("every image has an alt text").isEqualTo(true);
  }

  private String caretAtEnd(Chrome c) {
    c.js("const q = window.__verso.quill; q.focus(); q.setSelection(q.getLength() - 1, 0, 'user')");
    return "";
  }

  /** A File of the given bytes and type inside a DataTransfer, built in the page (as a paste or drop carries it). */
  private static String dataTransfer() {
    return "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
        + "const data = new DataTransfer(); data.items.add(new File([bytes], arguments[1], {type: arguments[2]}));";
  }

  @Test
  void anImageChosenWithTheButtonIsUploadedAndShownToTheOtherPerson() throws IOException {
    int before = images(alice).size();
    caretAtEnd(alice);
    Path file = Files.createTempFile("verso-image", ".png");
    Files.write(file, png(Color.RED));
    alice.driver.findElement(By.cssSelector("#toolbar button.ql-image, .ql-toolbar button.ql-image")).click();
    WebElement input = alice.driver.findElement(By.cssSelector("input.ql-image[type=file]"));
    assertThat(input.getAttribute("accept")).isEqualTo("image/png, image/jpeg, image/gif, image/webp");
    input.sendKeys(file.toString());
    awaitNewImageEverywhere(before);
    assertThat(alice.driver.findElement(By.id("notice")).getText()).isEqualTo("Image added");
    Files.delete(file);
  }

  @Test
  void aPastedImageIsUploadedAndShownToTheOtherPerson() {
    int before = images(alice).size();
    caretAtEnd(alice);
    alice.js(dataTransfer() + "window.__verso.quill.root.dispatchEvent(new ClipboardEvent('paste', "
        + "{clipboardData: data, bubbles: true, cancelable: true}))",
        Base64.getEncoder().encodeToString(png(Color.BLUE)), "pasted.png", "image/png");
    awaitNewImageEverywhere(before);
  }

  @Test
  void aDroppedImageIsUploadedAndShownToTheOtherPerson() {
    int before = images(alice).size();
    alice.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, 'Drop here', 'user')");
    alice.js(dataTransfer() + "const q = window.__verso.quill; const lines = q.root.querySelectorAll('p');"
        + "const r = lines[lines.length - 1].getBoundingClientRect();"
        + "q.root.dispatchEvent(new DragEvent('drop', {dataTransfer: data, clientX: r.left + 2, clientY: r.top + r.height / 2,"
        + " bubbles: true, cancelable: true}))",
        Base64.getEncoder().encodeToString(png(Color.GREEN)), "dropped.png", "image/png");
    awaitNewImageEverywhere(before);
  }

  @Test
  void aRefusedUploadSaysSoAndInsertsNothing() {
    int before = images(alice).size();
    caretAtEnd(alice);
    // a page that claims to be a PNG: the server sniffs its bytes and refuses it
    alice.js(dataTransfer() + "window.__verso.quill.root.dispatchEvent(new ClipboardEvent('paste', "
        + "{clipboardData: data, bubbles: true, cancelable: true}))",
        Base64.getEncoder().encodeToString("<html><script>alert(1)</script></html>".getBytes()), "fake.png", "image/png");
    alice.await("the refusal told", () -> alice.driver.findElement(By.id("notice")).getText()
        .startsWith("The image could not be added: an image must be a PNG, JPEG, GIF or WebP file"));
    assertThat(images(alice)).hasSize(before);
    // and a type the server never stores is not even sent
    alice.js(dataTransfer() + "window.__verso.quill.root.dispatchEvent(new ClipboardEvent('paste', "
        + "{clipboardData: data, bubbles: true, cancelable: true}))",
        Base64.getEncoder().encodeToString("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()), "x.svg", "image/svg+xml");
    alice.await("the type told", () -> alice.driver.findElement(By.id("notice")).getText()
        .equals("Only PNG, JPEG, GIF and WebP images can be added"));
    assertThat(images(alice)).hasSize(before);
  }
}
