package io.verso.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reply-address check (a loop over characters) agrees with the regex that defines it. */
class ReplyAddressTest {
  @Test
  void agreesWithTheRegex() {
    Pattern regex = Pattern.compile(BridgePolicy.REPLY_ADDRESS_REGEX);
    String chars = "azAZ09_.:-";
    String other = " /é\u0000\"{}";
    int[] lengths = {0, 1, 2, 36, 99, 100, 101, 150};
    long seed = System.nanoTime();
    Random r = new Random(seed);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      int length = r.nextBoolean() ? lengths[r.nextInt(lengths.length)] : r.nextInt(120);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < length; k++) {
        sb.append(r.nextInt(60) == 0 ? other.charAt(r.nextInt(other.length())) : chars.charAt(r.nextInt(chars.length())));
      }
      String s = sb.toString();
      boolean expected = regex.matcher(s).matches();
      valid += expected ? 1 : 0;
      assertEquals(expected, BridgePolicy.isReplyAddress(s), "seed " + seed + ": \"" + s + "\"");
    }
    assertTrue(valid > 5_000 && valid < 45_000, "both outcomes generated: " + valid);
  }
}
