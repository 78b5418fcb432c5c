package io.verso.bench.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BrowserBackoffTest {
  @Test
  void theBrowsersParametersAreTheOnesMeasured() throws Exception {
    // the storm measures the app's own reconnect policy: a change there must change the simulation
    String connection = Files.readString(Path.of("..", "web", "frontend", "src", "connection.js"));
    assertTrue(connection.contains("backoffDelay(this.attempt++, " + BrowserBackoff.BASE_MS + ", " + BrowserBackoff.CAP_MS + ")"),
        "connection.js reconnects with another backoff than BrowserBackoff");
    assertTrue(connection.contains("this.attempt = 0;"), "connection.js no longer resets its attempts");
    String ot = Files.readString(Path.of("..", "web", "frontend", "src", "ot-client.js"));
    assertTrue(ot.contains("Math.min(capMs, baseMs * Math.pow(2, Math.min(attempt, 20)))")
        && ot.contains("Math.floor(random() * ceiling)"), "backoffDelay is no longer full jitter on 2^attempt");
  }

  @Test
  void fullJitterUnderADoublingCeilingCappedAt30s() {
    BrowserBackoff b = new BrowserBackoff(new Random(1));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (long ceiling : ceilings) {
      long d = b.nextDelayMs();
      assertTrue(d >= 0 && d < ceiling, d + " not below " + ceiling);
    }
    assertEquals(ceilings.length, b.attempts());
  }

  @Test
  void anAnsweredRequestStartsTheBackoffAgain() {
    BrowserBackoff b = new BrowserBackoff(new Random(2));
    for (int i = 0; i < 6; i++) {
      b.nextDelayMs();
    }
    b.answered();
    for (int i = 0; i < 100; i++) {
      BrowserBackoff again = new BrowserBackoff(new Random(i));
      again.answered();
      assertTrue(again.nextDelayMs() < 500);
    }
    assertTrue(b.nextDelayMs() < 500);
  }
}
