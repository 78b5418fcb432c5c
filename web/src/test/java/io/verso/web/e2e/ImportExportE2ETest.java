package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 27 in Chromium: "New from file" on the documents page imports a DOCX written by LibreOffice
 * (the convert module's fixture) into a new document with its headings, lists and table; the user
 * edits it; the Download menu gives it back as a DOCX that holds the edit (imported again to read it)
 * and as a PDF.
 */
class ImportExportE2ETest extends WithAliceInBrowser {
  static final Path FIXTURE = Path.of("../convert/src/test/resources/fixtures/libreoffice-7.4.docx").toAbsolutePath().normalize();

  @Test
  void aDocxImportedFromTheListIsEditedAndDownloadedAsDocxAndPdf() {
    assertThat(Files.isRegularFile(FIXTURE)).as(FIXTURE.toString()).isTrue();
    alice.driver.get(base + "/#/");
    alice.await("the documents page", () -> !alice.driver.findElements(By.id("import-btn")).isEmpty());
    alice.driver.findElement(By.id("import-file")).sendKeys(FIXTURE.toString());
    // the fixture's picture is relative to the file: reported, with a link to the new document
    alice.await("the import's report", () -> !alice.driver.findElements(By.id("import-open")).isEmpty());
    assertThat(alice.js("return document.getElementById('import-status').textContent")).asString()
        .contains("could not be kept");
    alice.driver.findElement(By.id("import-open")).click();
    alice.await("the imported document open", () -> "saved".equals(status()));
    assertThat(alice.js("return document.title")).asString().contains("libreoffice-7.4");
    String editor = (String) alice.js("return document.querySelector('.ql-editor').innerHTML");
    assertThat(editor).contains("<h1>Quarterly report</h1>", "<strong>bold</strong>", "Nested bullet", "Step two",
        "<blockquote>A quoted remark.</blockquote>", "naïve café 😀 שלום");
    assertThat(alice.driver.findElements(By.cssSelector(".ql-editor table td"))).hasSizeGreaterThanOrEqualTo(4);

    alice.js("const q = window.__verso.quill; q.insertText(0, 'Edited after import. ', 'user')");
    alice.await("the edit saved", () -> "saved".equals(status()) && !(Boolean) alice.js("return window.__verso.pending()"));

    alice.driver.findElement(By.cssSelector("#export summary")).click();
    // the DOCX download, imported again through the API, holds the edit and the structure
    String again = (String) alice.js("const a = document.querySelector('#export a[data-format=docx]');"
        + "return fetch(a.href).then(r => r.blob())"
        + ".then(b => fetch('/api/docs/import?title=Again', {method: 'POST', body: b, headers: {'X-Requested-With': 'verso',"
        + " 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'}}))"
        + ".then(r => r.json()).then(d => fetch('/api/docs/' + d.id + '/export?format=md')).then(r => r.text())");
    assertThat(again).contains("# Edited after import. Quarterly report", "**bold**", "- Second bullet", "  - Nested bullet",
        "2. Step two", "> A quoted remark.", "|Ada|42|");
    String pdf = (String) alice.js("return fetch(document.querySelector('#export a[data-format=pdf]').href)"
        + ".then(r => r.ok && r.headers.get('Content-Type') === 'application/pdf' ? r.arrayBuffer() : null)"
        + ".then(b => b ? String.fromCharCode(...new Uint8Array(b).slice(0, 5)) : 'failed')");
    assertThat(pdf).isEqualTo("%PDF-");
  }
}
