package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.runtime.DocumentClient;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser app end to end: the real stack in-process, two or three users in separate headless
 * Chromium instances (separate cookie jars), driven through the real UI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorE2ETest {
  private static final long SEED = Long.getLong("verso.e2e.seed", System.nanoTime());

  private FullStack stack;
  private String base;
  private Chrome alice;
  private Chrome bob;
  private Chrome carol;
  private String docId;
  private String aliceId;

  @BeforeAll
  void start() {
    System.out.println("EditorE2ETest seed " + SEED + " (-Dverso.e2e.seed=" + SEED + " to repeat)");
    stack = new FullStack(new JsonObject());
    base = "http://localhost:" + stack.port();
    CompletableFuture<Chrome> a = CompletableFuture.supplyAsync(Chrome::new);
    CompletableFuture<Chrome> b = CompletableFuture.supplyAsync(Chrome::new);
    CompletableFuture<Chrome> c = CompletableFuture.supplyAsync(Chrome::new);
    alice = a.join();
    bob = b.join();
    carol = c.join();
    alice.signUp(base, "alice", "Alice");
    bob.signUp(base, "bob", "Bob");
    carol.signUp(base, "carol", "Carol");
    aliceId = (String) alice.js("return fetch('/api/me').then(r => r.json()).then(j => j.id)");

    // Alice creates a document from the list page and shares it from the editor's share dialog.
    docId = alice.createDocument("Plans");
    alice.driver.findElement(By.id("share-btn")).click();
    share(alice, "bob", "editor");
    share(alice, "carol", "viewer");
    alice.driver.findElement(By.id("share-close")).click();
  }

  @AfterAll
  void stop() {
    Chrome.closeAll(alice, bob, carol);
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void twoUsersTypeConcurrentlyWithFormattingAndConverge() throws Exception {
    openDoc(bob);
    // The browser's socket is SockJS's raw WebSocket endpoint: no SockJS framing.
    assertThat(alice.js("return window.__verso.transport()")).isEqualTo("websocket");
    assertThat(bob.js("return window.__verso.transport()")).isEqualTo("websocket");
    alice.driver.findElement(By.cssSelector(".ql-editor")).click();
    bob.driver.findElement(By.cssSelector(".ql-editor")).click();
    new Actions(bob.driver).keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL).perform();

    String watchStatus = "window.__statuses = [];"
        + "new MutationObserver(() => window.__statuses.push(document.getElementById('status').textContent))"
        + ".observe(document.getElementById('status'), {attributes: true, childList: true, characterData: true, subtree: true});";
    alice.js(watchStatus);
    Random seeds = new Random(SEED);
    long sa = seeds.nextLong();
    long sb = seeds.nextLong();
    CompletableFuture<Integer> ta = CompletableFuture.supplyAsync(() -> type(alice, "abcdefghijklm ", 300, sa));
    CompletableFuture<Integer> tb = CompletableFuture.supplyAsync(() -> type(bob, "NOPQRSTUVWXYZ ", 300, sb));
    int typedA = ta.get(120, TimeUnit.SECONDS);
    int typedB = tb.get(120, TimeUnit.SECONDS);

    JsonArray server = awaitConverged(alice, bob);
    String text = (String) alice.js("return window.__verso.text()");
    assertThat(text.chars().filter(ch -> ch >= 'a' && ch <= 'm').count()).isGreaterThanOrEqualTo(typedA * 8L / 10);
    assertThat(text.chars().filter(ch -> ch >= 'N' && ch <= 'Z').count()).isGreaterThanOrEqualTo(typedB * 8L / 10);
    assertThat(server.encode()).contains("\"bold\":true");
    @SuppressWarnings("unchecked")
    List<String> statuses = (List<String>) alice.js("return window.__statuses");
    assertThat(statuses).contains("Saving…", "All changes saved");

    // Each sees the other's cursor, with the other's name.
    alice.js("window.__verso.quill.focus()");
    bob.js("window.__verso.quill.focus()");
    alice.await("Bob's cursor on Alice's page", () -> cursorNames(alice).contains("Bob"));
    bob.await("Alice's cursor on Bob's page", () -> cursorNames(bob).contains("Alice"));
    // ... and in the header's list of who else is here, never themselves.
    alice.await("Bob, alone, in Alice's people", () -> people(alice).equals(List.of("Bob")));
    bob.await("Alice, alone, in Bob's people", () -> people(bob).equals(List.of("Alice")));

    // Acceptance 5: a screenshot of the editor with two cursors.
    Path dir = Path.of("target", "e2e");
    Files.createDirectories(dir);
    Files.copy(alice.driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve("editor-two-cursors-alice.png"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(bob.driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve("editor-two-cursors-bob.png"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(dir.resolve("editor-two-cursors-alice.png"))).isGreaterThan(1000);
  }

  @Test
  @Order(2)
  void offlineEditsSyncWhenBackAndSurviveAReload() {
    openDoc(bob);
    bob.js("window.__verso.goOffline()");
    bob.await("offline status", () -> "offline".equals(status(bob)));
    assertThat(statusText(bob)).isEqualTo("Offline — changes will sync");
    alice.await("Bob gone from Alice's people while his socket is closed", () -> people(alice).isEmpty());

    bob.js("const q = window.__verso.quill; q.setSelection(q.getLength() - 1, 0, 'user')");
    new Actions(bob.driver).sendKeys(" offline-bob-words").perform();
    alice.js("window.__verso.quill.setSelection(0, 0, 'user')");
    new Actions(alice.driver).sendKeys("online-alice ").perform();
    assertThat(status(bob)).isEqualTo("offline");
    assertThat((String) alice.js("return window.__verso.text()")).doesNotContain("offline-bob-words");

    // Unsaved edits: the browser would ask before the page goes, and the app asks before leaving the
    // editor; staying keeps them.
    assertThat(unloadPrevented(bob)).isTrue();
    bob.driver.findElement(By.id("back")).click();
    bob.await("the app asks in its dialog", () -> !bob.driver.findElements(By.cssSelector("dialog#leave-dialog[open]")).isEmpty());
    assertThat(bob.driver.findElement(By.id("leave-dialog")).getText()).contains("not saved");
    bob.driver.findElement(By.cssSelector("#leave-dialog .cancel")).click();
    assertThat(bob.js("return location.hash")).isEqualTo("#/doc/" + docId);
    assertThat(status(bob)).isEqualTo("offline");
    assertThat((String) bob.js("return window.__verso.text()")).contains("offline-bob-words");

    bob.js("window.__verso.goOnline()");
    bob.await("back online and saved", () -> "saved".equals(status(bob)));
    assertThat(unloadPrevented(bob)).as("nothing left to lose").isFalse();
    alice.await("Bob back in Alice's people", () -> people(alice).equals(List.of("Bob")));
    assertThat(statusText(bob)).isEqualTo("All changes saved");
    awaitConverged(alice, bob);
    assertThat((String) alice.js("return window.__verso.text()")).contains("offline-bob-words").contains("online-alice");

    // Edits outlive their page: typed offline, then the page goes without asking (as in a crash)
    // while Alice types; the reloaded page rebases them over her op and sends them, once.
    typeOffline(bob, " kept-by-the-journal");
    assertThat(journaled(bob)).hasSize(1);
    alice.js("window.__verso.quill.setSelection(0, 0, 'user')");
    new Actions(alice.driver).sendKeys("meanwhile-alice ").perform();
    alice.await("alice saved", () -> "saved".equals(status(alice)));
    bob.js("window.__verso.dropUnloadGuard(); location.reload()");
    bob.await("reloaded with the journaled edits, saved", () -> "saved".equals(status(bob))
        && ((String) bob.js("return window.__verso.text()")).contains("kept-by-the-journal"));
    awaitConverged(alice, bob);
    String afterCrash = (String) alice.js("return window.__verso.text()");
    assertThat(afterCrash.split("kept-by-the-journal", -1)).hasSize(2);
    assertThat(afterCrash).contains("meanwhile-alice");
    assertThat(journaled(bob)).as("acknowledged: nothing left in the journal").isEmpty();

    // A second page of the document, closed with edits it could not send: the first page, still
    // open, takes them over within seconds.
    String firstPage = bob.driver.getWindowHandle();
    bob.driver.switchTo().newWindow(WindowType.TAB);
    bob.driver.get(base + "/#/doc/" + docId);
    bob.await("second page open", () -> "saved".equals(status(bob)));
    typeOffline(bob, " from-a-closed-page");
    bob.js("window.__verso.dropUnloadGuard()");
    bob.driver.close();
    bob.driver.switchTo().window(firstPage);
    bob.await("the open page took the closed page's edits over", () -> "saved".equals(status(bob))
        && ((String) bob.js("return window.__verso.text()")).contains("from-a-closed-page"));
    awaitConverged(alice, bob);
    assertThat(((String) alice.js("return window.__verso.text()")).split("from-a-closed-page", -1)).hasSize(2);
    assertThat(journaled(bob)).isEmpty();

    bob.driver.navigate().refresh();
    bob.await("reloaded", () -> "saved".equals(status(bob)));
    bob.await("Alice in Bob's people after his reload", () -> people(bob).equals(List.of("Alice")));
    alice.await("Bob once in Alice's people after his reload (the old tab's client has left)",
        () -> people(alice).equals(List.of("Bob")) && cursorNames(alice).equals(List.of("Bob")));

    // A leave missed while disconnected: Bob's tab reloads (its old client leaves) while Alice is
    // offline; once back, Alice has Bob's new client only, not a ghost of the old one.
    alice.js("window.__verso.goOffline()");
    alice.await("Alice offline", () -> "offline".equals(status(alice)));
    bob.driver.navigate().refresh();
    bob.await("reloaded while Alice is offline", () -> "saved".equals(status(bob)));
    Object bobPresence = bob.js("return window.__verso.presenceId");
    alice.js("window.__verso.goOnline()");
    alice.await("Alice back online", () -> "saved".equals(status(alice)));
    alice.await("only Bob's new client on Alice's page",
        () -> alice.js("return window.__verso.cursors().map(c => c.id)").equals(List.of(bobPresence)));
    // Presence shows a page under an id of its own: the id its submits go under is never shown to
    // other members, who could otherwise submit under it first and have it bound to themselves.
    assertThat(bob.js("return window.__verso.clientId")).isNotNull().isNotEqualTo(bobPresence);
    assertThat(people(alice)).containsExactly("Bob");
    assertThat((String) bob.js("return window.__verso.text()")).contains("offline-bob-words").contains("online-alice");
  }

  @Test
  @Order(3)
  void viewerIsReadOnlyAndAForgedSubmitIsRefused() {
    openDoc(carol);
    carol.await("read-only status", () -> "readonly".equals(status(carol)));
    alice.await("a viewer is among the people too", () -> people(alice).equals(List.of("Bob", "Carol")));
    assertThat(statusText(carol)).isEqualTo("Read-only");
    assertThat(carol.driver.findElement(By.cssSelector(".ql-editor")).getAttribute("contenteditable")).isEqualTo("false");
    JsonObject before = stack.open(docId, aliceId);

    carol.driver.findElement(By.cssSelector(".ql-editor")).click();
    new Actions(carol.driver).sendKeys("carol was here").perform();
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> forged = (java.util.Map<String, Object>) carol.js(
        "return window.__verso.forgeSubmit([{insert: 'FORGED'}])");
    assertThat(((Number) forged.get("failureCode")).intValue()).isEqualTo(403);

    JsonObject after = stack.open(docId, aliceId);
    assertThat(after.getLong("rev")).isEqualTo(before.getLong("rev"));
    assertThat(after.getJsonArray("content")).isEqualTo(before.getJsonArray("content"));
    assertThat((String) carol.js("return window.__verso.text()")).doesNotContain("carol was here").doesNotContain("FORGED");
  }

  @Test
  @Order(4)
  void undoRemovesOnlyTheUndoersOwnEdit() throws Exception {
    awaitConverged(alice, bob);
    Thread.sleep(700); // a new undo step for Alice (the history merges changes within 500 ms)
    alice.js("const q = window.__verso.quill; q.setSelection(q.getLength() - 1, 0, 'user')");
    new Actions(alice.driver).sendKeys("UNDOME").perform();
    awaitConverged(alice, bob);
    bob.js("window.__verso.quill.setSelection(0, 0, 'user')");
    new Actions(bob.driver).sendKeys("BOBTEXT").perform();
    awaitConverged(alice, bob);
    assertThat((String) alice.js("return window.__verso.text()")).contains("UNDOME").contains("BOBTEXT");

    alice.js("window.__verso.quill.focus()");
    new Actions(alice.driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
    awaitConverged(alice, bob);
    String text = (String) bob.js("return window.__verso.text()");
    assertThat(text).doesNotContain("UNDOME").contains("BOBTEXT").contains("offline-bob-words");

    // Redo brings back only Alice's own edit.
    new Actions(alice.driver).keyDown(Keys.CONTROL).keyDown(Keys.SHIFT).sendKeys("z").keyUp(Keys.SHIFT).keyUp(Keys.CONTROL).perform();
    awaitConverged(alice, bob);
    assertThat((String) bob.js("return window.__verso.text()")).contains("UNDOME").contains("BOBTEXT");
  }

  @Test
  @Order(5)
  void pastedScriptAndJavascriptLinksCannotRun() {
    // A real paste event through Quill's own clipboard module, and a link format set by script.
    alice.js("window.__xss = 0; const q = window.__verso.quill; q.setSelection(q.getLength() - 1, 0, 'user');"
        + "const dt = new DataTransfer();"
        + "dt.setData('text/html', '<p>pic <img src=\"x\" onerror=\"window.__xss=1\"> and <a href=\"javascript:window.__xss=2\">link</a></p>');"
        + "dt.setData('text/plain', 'pic and link');"
        + "q.root.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));"
        + "q.insertText(q.getLength() - 1, 'evil', {link: 'javascript:window.__xss=3'}, 'user');");
    alice.await("pasted", () -> ((String) alice.js("return window.__verso.text()")).contains("evil"));
    JsonArray server = awaitConverged(alice, bob);
    for (Chrome c : List.of(alice, bob)) {
      Object hrefs = c.js("return Array.from(document.querySelectorAll('.ql-editor a')).map(a => a.getAttribute('href')).join(' ')");
      assertThat((String) hrefs).doesNotContain("javascript:");
      assertThat(((Number) c.js("return document.querySelectorAll('.ql-editor [onerror]').length")).intValue()).isZero();
      c.js("document.querySelectorAll('.ql-editor a').forEach(a => a.click())");
      assertThat(((Number) c.js("return window.__xss || 0")).intValue()).isZero();
    }
    assertThat(server.encode()).doesNotContain("onerror").doesNotContain("javascript").contains("pic").contains("evil");
  }

  @Test
  @Order(6)
  void editingWorksOverXhrStreamingToo() {
    bob.js("localStorage.setItem('verso.transports', 'xhr-streaming')");
    try {
      bob.driver.navigate().refresh();
      bob.await("reloaded over xhr-streaming", () -> "saved".equals(status(bob)));
      assertThat(bob.js("return window.__verso.transport()")).isEqualTo("xhr-streaming");
      String url = (String) bob.js("return performance.getEntriesByType('resource').map(e => e.name)"
          + ".filter(n => n.includes('/eventbus/')).join(' ')");
      // (the streaming request itself is still open, so not yet a finished resource entry)
      assertThat(url).contains("/xhr_send").doesNotContain("/websocket");
      bob.js("window.__verso.quill.setSelection(0, 0, 'user')");
      new Actions(bob.driver).sendKeys("XHR ").perform();
      awaitConverged(alice, bob);
      assertThat((String) alice.js("return window.__verso.text()")).startsWith("XHR ");
    } finally {
      bob.js("localStorage.removeItem('verso.transports')");
    }
  }

  @Test
  @Order(7)
  void shareDialogChangesApplyToOpenPagesAtOnce() {
    openDoc(carol);
    carol.await("carol read-only", () -> "readonly".equals(status(carol)));

    // Renamed in place by the owner: the other open page follows at once; a viewer cannot rename.
    renameInPlace(alice, "Plans and goals", Keys.ENTER);
    carol.await("carol's page shows the new title", () -> "Plans and goals".equals(title(carol)));
    assertThat(stack.open(docId, aliceId).getString("title")).isEqualTo("Plans and goals");
    carol.driver.findElement(By.id("doc-title")).click();
    assertThat(carol.driver.findElements(By.id("title-input"))).isEmpty();
    renameInPlace(alice, "discarded", Keys.ESCAPE);
    assertThat(title(alice)).isEqualTo("Plans and goals");
    // from the keyboard too: the title takes focus, Enter opens the field
    alice.js("document.getElementById('doc-title').focus()");
    new Actions(alice.driver).sendKeys(Keys.ENTER).perform();
    alice.await("title field open from the keyboard", () -> !alice.driver.findElements(By.id("title-input")).isEmpty());
    alice.driver.findElement(By.id("title-input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "Plans", Keys.ENTER);
    carol.await("carol's page follows the rename back", () -> "Plans".equals(title(carol)));
    assertThat(title(alice)).isEqualTo("Plans");

    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("members listed", () -> !alice.driver.findElements(By.cssSelector("#members li[data-username='carol']")).isEmpty());
    new Select(alice.driver.findElement(By.cssSelector("#members li[data-username='carol'] .member-role"))).selectByValue("editor");
    carol.await("carol may edit without reloading", () -> "saved".equals(status(carol)));
    assertThat(carol.driver.findElement(By.cssSelector(".ql-editor")).getAttribute("contenteditable")).isEqualTo("true");

    alice.await("members listed again", () -> !alice.driver.findElements(
        By.cssSelector("#members li[data-username='carol'] .member-remove")).isEmpty());
    alice.driver.findElement(By.cssSelector("#members li[data-username='carol'] .member-remove")).click();
    carol.await("carol removed: told so at once, and read-only", () -> "revoked".equals(status(carol)));
    assertThat(statusText(carol)).isEqualTo("No access any more — the document was unshared or deleted");
    assertThat(carol.driver.findElement(By.cssSelector(".ql-editor")).getAttribute("contenteditable")).isEqualTo("false");
    alice.await("carol gone from the list", () -> alice.driver.findElements(
        By.cssSelector("#members li[data-username='carol']")).isEmpty());
    alice.driver.findElement(By.id("share-close")).click();
  }

  @Test
  @Order(8)
  void signOutSignInAndManageDocumentsFromTheList() {
    alice.driver.get(base + "/#/");
    alice.await("list", () -> !alice.driver.findElements(By.id("logout-btn")).isEmpty());
    alice.driver.findElement(By.id("logout-btn")).click();
    alice.await("signed out", () -> !alice.driver.findElements(By.id("login-btn")).isEmpty());
    alice.driver.navigate().to(base + "/?again#/");
    alice.await("still signed out after a fresh load", () -> "#/login".equals(alice.js("return location.hash"))
        && !alice.driver.findElements(By.id("login-btn")).isEmpty());

    alice.driver.findElement(By.id("username")).sendKeys("alice");
    alice.driver.findElement(By.id("password")).sendKeys("correct horse alice");
    alice.driver.findElement(By.id("login-btn")).click();
    alice.await("signed in: the shared document is listed", () -> alice.driver.findElements(By.cssSelector("#docs li .open"))
        .stream().anyMatch(e -> e.getText().equals("Plans")));

    alice.driver.findElement(By.id("new-title")).sendKeys("Scratch");
    alice.driver.findElement(By.id("create-btn")).click();
    alice.await("scratch open", () -> "saved".equals(status(alice)));
    alice.driver.get(base + "/#/");
    By scratch = By.xpath("//ul[@id='docs']/li[a[@class='open' and text()='Scratch']]");
    alice.await("scratch listed", () -> !alice.driver.findElements(scratch).isEmpty());
    assertThat(alice.driver.findElement(scratch).findElement(By.cssSelector(".updated")).getText())
        .matches("edited (just now|[0-9]+ min ago)");
    alice.driver.findElement(scratch).findElement(By.cssSelector(".rename")).click();
    alice.await("rename asks", () -> !alice.driver.findElements(By.cssSelector("dialog#rename-dialog[open]")).isEmpty());
    WebElement newName = alice.driver.findElement(By.id("rename-dialog-input"));
    newName.clear();
    newName.sendKeys("Renamed", Keys.ENTER);
    By renamed = By.xpath("//ul[@id='docs']/li[a[@class='open' and text()='Renamed']]");
    alice.await("renamed", () -> !alice.driver.findElements(renamed).isEmpty());
    alice.driver.findElement(renamed).findElement(By.cssSelector(".delete")).click();
    alice.await("move to trash asks", () -> !alice.driver.findElements(By.cssSelector("dialog#trash-dialog[open]")).isEmpty());
    alice.driver.findElement(By.cssSelector("#trash-dialog .confirm")).click();
    alice.await("deleted", () -> alice.driver.findElements(renamed).isEmpty());
    assertThat(alice.driver.findElements(By.cssSelector("#docs li .open")).stream().map(e -> e.getText()))
        .contains("Plans");
  }

  // ---------------------------------------------------------------- helpers

  private void share(Chrome c, String username, String role) {
    c.await("share dialog", () -> !c.driver.findElements(By.id("member-username")).isEmpty());
    c.driver.findElement(By.id("member-username")).sendKeys(username);
    new Select(c.driver.findElement(By.id("member-role"))).selectByValue(role);
    c.driver.findElement(By.id("member-add")).click();
    c.await(username + " listed as " + role, () -> !c.driver.findElements(
        By.cssSelector("#members li[data-username='" + username + "']")).isEmpty());
  }

  @Test
  @Order(9)
  void editsMadeOfflineSurviveMoreOpsByOthersThanOneCatchUpHolds() throws Exception {
    openDoc(bob);
    typeOffline(bob, " long-offline-edit");

    // 2,100 ops by others while Bob is away: more than one catch-up answers (1,000) and more than
    // the sequencer keeps to transform a late op (1,000).
    DocumentClient docs = new DocumentClient(stack.vertx);
    for (int done = 0; done < 2_100; ) {
      long head = stack.open(docId, aliceId).getLong("rev");
      List<Future<?>> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++, done++) {
        DeliveryOptions as = new DeliveryOptions().addHeader(Addresses.HEADER_USER_ID, "bulk-user-" + (done % 300))
            .addHeader(Addresses.HEADER_ROLE, "editor");
        batch.add(docs.request(docId, new JsonObject().put("action", "submit").put("clientId", String.format("bulk-client-%08d", done))
            .put("seq", 1).put("baseRev", head).put("ops", new JsonArray().add(new JsonObject().put("insert", "."))), as));
      }
      Future.all(batch).await(30, TimeUnit.SECONDS);
    }

    bob.js("window.__verso.goOnline()");
    bob.await("caught up over several pages, then saved", () -> "saved".equals(status(bob)));
    bob.await("bob's page and the server agree", () -> {
      JsonObject doc = stack.open(docId, aliceId);
      return doc.getJsonArray("content").equals(new JsonArray((String) bob.js("return JSON.stringify(window.__verso.contents())")));
    });
    String text = (String) bob.js("return window.__verso.text()");
    assertThat(text.split("long-offline-edit", -1)).hasSize(2);
    assertThat(text.chars().filter(ch -> ch == '.').count()).isGreaterThanOrEqualTo(2_100);
  }

  @Test
  @Order(10)
  void editsRefusedWhileDemotedAreSentOncePromotedAgain() {
    openDoc(bob);
    typeOffline(bob, " typed-before-demotion");

    assertThat(setRole(alice, "bob", "viewer")).isEqualTo(200L);
    bob.js("window.__verso.goOnline()");
    bob.await("the resent edit is refused: read-only", () -> "readonly".equals(status(bob)));
    assertThat((boolean) bob.js("return window.__verso.pending()")).isTrue();
    assertThat(stack.open(docId, aliceId).encode()).doesNotContain("typed-before-demotion");

    assertThat(setRole(alice, "bob", "editor")).isEqualTo(200L);
    bob.await("promoted again: the pending edit goes out and is saved", () -> "saved".equals(status(bob)));
    assertThat(stack.open(docId, aliceId).encode()).contains("typed-before-demotion");
  }

  @Test
  @Order(11)
  void aPasteLargerThanOneOpIsSavedWhole() {
    openDoc(bob);
    JsonObject before = stack.open(docId, aliceId);
    bob.js("window.__verso.quill.insertText(0, 'y'.repeat(600000), 'user')"); // over 256 Ki characters per op
    bob.await("saved in several ops", () -> "saved".equals(status(bob)));
    JsonObject after = stack.open(docId, aliceId);
    assertThat(after.getLong("rev") - before.getLong("rev")).isGreaterThanOrEqualTo(10);
    assertThat(countY(after) - countY(before)).isEqualTo(600_000L);
    assertThat((String) bob.js("return document.getElementById('notice').textContent")).isEmpty();
  }

  @Test
  @Order(12)
  void aPageReconnectingAfterItsUserWasRemovedSaysSo() {
    openDoc(bob);
    typeOffline(bob, " never-to-be-sent");
    long removed = ((Number) alice.js("return fetch('/api/docs/" + docId + "/members/bob', {method: 'DELETE', "
        + "headers: {'X-Requested-With': 'verso'}}).then(r => r.status)")).longValue();
    assertThat(removed).isEqualTo(204L);
    bob.js("window.__verso.goOnline()");
    bob.await("told that access is gone, not asked to reload", () -> "revoked".equals(status(bob)));
    assertThat(bob.driver.findElement(By.cssSelector(".ql-editor")).getAttribute("contenteditable")).isEqualTo("false");
    assertThat(journaled(bob)).hasSize(1);

    // Opened again: the document is not there for Bob, and his journaled edits (text he can never
    // send) do not stay behind in the browser.
    bob.js("window.__verso.dropUnloadGuard(); location.reload()");
    bob.await("the document is gone for bob", () -> !bob.driver.findElements(By.id("doc-error")).isEmpty());
    assertThat(journaled(bob)).isEmpty();
  }

  @Test
  @Order(13)
  void theDocumentDownloadsInEachFormatFromTheEditor() {
    openDoc(alice);
    alice.driver.findElement(By.cssSelector("#export summary")).click();
    List<String> formats = alice.driver.findElements(By.cssSelector("#export a")).stream()
        .filter(org.openqa.selenium.WebElement::isDisplayed).map(a -> a.getAttribute("data-format")).toList();
    assertThat(formats).containsExactly("docx", "pdf", "html", "md", "txt");
    for (String format : List.of("docx", "pdf")) { // files, not text: their first bytes say what they are
      String head = (String) alice.js("return fetch(document.querySelector('#export a[data-format=" + format + "]').href)"
          + ".then(r => r.ok && /attachment/.test(r.headers.get('Content-Disposition')) ? r.arrayBuffer() : null)"
          + ".then(b => b ? String.fromCharCode(...new Uint8Array(b).slice(0, 4)) : 'failed')");
      assertThat(head).as(format).isEqualTo(format.equals("docx") ? "PK\u0003\u0004" : "%PDF");
    }
    for (String format : List.of("html", "md", "txt")) {
      String body = (String) alice.js("return fetch(document.querySelector('#export a[data-format=" + format + "]').href)"
          + ".then(r => r.ok && /attachment/.test(r.headers.get('Content-Disposition')) ? r.text() : 'status ' + r.status)");
      assertThat(body).as(format).contains("UNDOME").contains("BOBTEXT").doesNotStartWith("status ");
    }
  }

  private static long countY(JsonObject doc) {
    return doc.getJsonArray("content").stream().map(o -> ((JsonObject) o).getValue("insert")).filter(String.class::isInstance)
        .mapToLong(t -> ((String) t).chars().filter(ch -> ch == 'y').count()).sum();
  }

  /** The owner's page changes a member's role through the API, as the share dialog does. */
  private long setRole(Chrome owner, String username, String role) {
    return ((Number) owner.js("return fetch('/api/docs/" + docId + "/members/" + username + "', {method: 'PUT', "
        + "headers: {'Content-Type': 'application/json', 'X-Requested-With': 'verso'}, body: JSON.stringify({role: '" + role
        + "'})}).then(r => r.status)")).longValue();
  }

  private void openDoc(Chrome c) {
    c.driver.get(base + "/#/doc/" + docId);
    c.await("document open", () -> {
      String s = status(c);
      return "saved".equals(s) || "readonly".equals(s);
    });
  }

  /** The page goes offline, then its user types {@code text} at the end of the document. */
  private static void typeOffline(Chrome c, String text) {
    c.js("window.__verso.goOffline()");
    c.await("offline", () -> "offline".equals(status(c)));
    c.js("const q = window.__verso.quill; q.setSelection(q.getLength() - 1, 0, 'user')");
    new Actions(c.driver).sendKeys(text).perform();
  }

  @SuppressWarnings("unchecked")
  private static List<String> journaled(Chrome c) {
    return (List<String>) c.js("return Object.keys(localStorage).filter(k => k.startsWith('verso.unsaved.'))");
  }

  /** Whether the page's beforeunload handling would make the browser ask before leaving. */
  private static boolean unloadPrevented(Chrome c) {
    return (Boolean) c.js("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented");
  }

  private static void renameInPlace(Chrome c, String newTitle, Keys finish) {
    c.driver.findElement(By.id("doc-title")).click();
    c.driver.findElement(By.id("title-input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), newTitle, finish);
    c.await("title input closed", () -> c.driver.findElements(By.id("title-input")).isEmpty());
  }

  private static String title(Chrome c) {
    return (String) c.js("return document.getElementById('doc-title').textContent");
  }

  private static String status(Chrome c) {
    return c.status();
  }

  private static String statusText(Chrome c) {
    return (String) c.js("return document.getElementById('status').textContent");
  }

  @SuppressWarnings("unchecked")
  private static List<String> people(Chrome c) {
    return (List<String>) c.js("return window.__verso.people()");
  }

  @SuppressWarnings("unchecked")
  private static List<String> cursorNames(Chrome c) {
    return (List<String>) c.js("return Array.from(document.querySelectorAll('.ql-cursor .ql-cursor-name')).map(e => e.textContent)");
  }

  /** Types about {@code chars} characters in chunks, with bold/italic runs and new lines; returns how many letters. */
  private static int type(Chrome c, String alphabet, int chars, long seed) {
    Random r = new Random(seed);
    int letters = 0;
    while (letters < chars) {
      StringBuilder sb = new StringBuilder();
      int n = 4 + r.nextInt(8);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      letters += (int) sb.chars().filter(ch -> ch != ' ').count();
      double p = r.nextDouble();
      Actions a = new Actions(c.driver);
      if (p < 0.15) {
        a.keyDown(Keys.CONTROL).sendKeys("b").keyUp(Keys.CONTROL).sendKeys(sb).keyDown(Keys.CONTROL).sendKeys("b").keyUp(Keys.CONTROL);
      } else if (p < 0.25) {
        a.keyDown(Keys.CONTROL).sendKeys("i").keyUp(Keys.CONTROL).sendKeys(sb).keyDown(Keys.CONTROL).sendKeys("i").keyUp(Keys.CONTROL);
      } else if (p < 0.3) {
        a.sendKeys(sb).sendKeys(Keys.ENTER);
      } else {
        a.sendKeys(sb);
      }
      a.perform();
    }
    return letters;
  }

  /** Waits until both pages have nothing pending, show the same content, and that is the server's; returns it. */
  private JsonArray awaitConverged(Chrome a, Chrome b) {
    JsonArray[] server = new JsonArray[1];
    String[] last = {""};
    try {
      a.await("pages and server converge", () -> {
        JsonObject doc = stack.open(docId, aliceId);
        server[0] = doc.getJsonArray("content");
        long rev = doc.getLong("rev");
        StringBuilder sb = new StringBuilder("server rev " + rev + " " + server[0].encode() + "\n");
        boolean ok = true;
        JsonArray first = null;
        for (Chrome c : List.of(a, b)) {
          String st = status(c);
          Object pending = c.js("return window.__verso.pending()");
          long r = ((Number) c.js("return window.__verso.rev()")).longValue();
          JsonArray content = new JsonArray((String) c.js("return JSON.stringify(window.__verso.contents())"));
          sb.append("page ").append(st).append(" pending ").append(pending).append(" rev ").append(r).append(' ')
              .append(content.encode()).append('\n');
          ok &= "saved".equals(st) && Boolean.FALSE.equals(pending) && r == rev && content.equals(server[0]);
        }
        last[0] = sb.toString();
        return ok;
      });
    } catch (AssertionError e) {
      String seen = last[0].length() > 4000 ? last[0].substring(0, 4000) + "…" : last[0];
      throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "\nlast observation:\n" + seen, e);
    }
    return server[0];
  }
}
