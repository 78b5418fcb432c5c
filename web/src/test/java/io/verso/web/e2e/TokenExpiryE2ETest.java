package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.web.bridge.BridgeSession;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * The browser app across socket expiries: with 4 s access tokens the bridge ends every socket when its
 * token expires (err 401, then closed); the app refreshes its cookie and reconnects, and a user typing
 * all the while loses nothing and gets nothing twice — over WebSocket and over SockJS xhr-streaming
 * (whose requests must carry a cookie of the socket's login session, refreshed or not).
 */
class TokenExpiryE2ETest extends WithAliceInBrowser {
  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject(), new JsonObject().put("auth.accessTtlSeconds", 4));
  }

  @Override
  String aliceDisplayName() {
    return "Alice";
  }

  @Test
  void typingAcrossSocketExpiriesOverWebSocketLosesNothing() throws Exception {
    typeAcrossExpiries("Over WebSocket", "ws");
  }

  @Test
  void typingAcrossSocketExpiriesOverXhrStreamingLosesNothing() throws Exception {
    alice.js("localStorage.setItem('verso.transports', 'xhr-streaming')");
    try {
      typeAcrossExpiries("Over xhr", "xhr");
      String urls = (String) alice.js("return performance.getEntriesByType('resource').map(e => e.name)"
          + ".filter(n => n.includes('/eventbus/')).join(' ')");
      assertThat(urls).contains("/xhr_send").doesNotContain("/websocket");
    } finally {
      alice.js("localStorage.removeItem('verso.transports')");
    }
  }

  private void typeAcrossExpiries(String title, String prefix) throws Exception {
    alice.driver.get(base + "/#/");
    alice.await("document list", () -> !alice.driver.findElements(By.id("new-title")).isEmpty());
    String docId = alice.createDocument(title);
    long expiredBefore = stack.onWebContext(() -> stack.web.bridge().sessions().closed(BridgeSession.CloseReason.EXPIRED));

    alice.driver.findElement(By.cssSelector(".ql-editor")).click();
    List<String> words = new ArrayList<>();
    long end = System.nanoTime() + 13_000_000_000L; // three token lifetimes and more
    for (int i = 0; System.nanoTime() < end; i++) {
      String word = prefix + String.format("%03d", i);
      words.add(word);
      new Actions(alice.driver).sendKeys(word + " ").perform();
      Thread.sleep(150);
    }
    alice.await("all saved", () -> "saved".equals(status()) && Boolean.FALSE.equals(alice.js("return window.__verso.pending()")));
    assertThat(alice.driver.getCurrentUrl()).as("still signed in, still in the editor").contains("#/doc/" + docId);

    String page = (String) alice.js("return window.__verso.text()");
    JsonObject server = stack.open(docId, aliceId);
    StringBuilder serverText = new StringBuilder();
    for (Object op : (JsonArray) server.getJsonArray("content")) {
      if (((JsonObject) op).getValue("insert") instanceof String s) {
        serverText.append(s);
      }
    }
    assertThat(serverText.toString()).isEqualTo(page);
    assertThat(serverText.toString().trim()).isEqualTo(String.join(" ", words));
    long expired = stack.onWebContext(() -> stack.web.bridge().sessions().closed(BridgeSession.CloseReason.EXPIRED)) - expiredBefore;
    System.out.printf("TokenExpiryE2ETest %s: %d words typed over %d socket expiries%n", prefix, words.size(), expired);
    assertThat(expired).as("sockets ended by their token's expiry while typing").isGreaterThanOrEqualTo(2);
  }
}
