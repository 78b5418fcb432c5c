package io.verso.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The id and address checks (loops over characters) agree with the regexes that define them. */
class AddressesTest {
  private static final String[] LENGTHS_NEAR_LIMITS = {"0", "1", "2", "15", "16", "17", "63", "64", "65", "99", "100", "101"};
  private static final String TOKEN_CHARS = "azAZ09_-";
  private static final String OTHER_CHARS = ".: /é\u0000\n[]";

  /** Random strings that are often, but not always, ids or addresses, with lengths around every limit. */
  static String candidate(Random r) {
    StringBuilder sb = new StringBuilder();
    int prefix = r.nextInt(4);
    sb.append(prefix == 0 ? "doc." : prefix == 1 ? "presence." : prefix == 2 ? "" : "do");
    int length = r.nextBoolean() ? Integer.parseInt(LENGTHS_NEAR_LIMITS[r.nextInt(LENGTHS_NEAR_LIMITS.length)]) : r.nextInt(80);
    for (int i = 0; i < length; i++) {
      sb.append(r.nextInt(30) == 0 ? OTHER_CHARS.charAt(r.nextInt(OTHER_CHARS.length()))
          : TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
    }
    int suffix = r.nextInt(4);
    sb.append(suffix == 0 ? ".events" : suffix == 1 ? ".events.events" : suffix == 2 ? "" : "events");
    String s = sb.toString();
    // sometimes only a piece of it: bare ids, "doc.", ".events", ...
    if (r.nextInt(4) == 0) {
      int from = r.nextInt(s.length() + 1);
      s = s.substring(from, from + r.nextInt(s.length() - from + 1));
    }
    return s;
  }

  @Test
  void checksAgreeWithTheRegexes() {
    Pattern inboundDoc = Pattern.compile(Addresses.INBOUND_DOC_REGEX);
    Pattern inboundPresence = Pattern.compile(Addresses.INBOUND_PRESENCE_REGEX);
    Pattern docEvents = Pattern.compile(Addresses.OUTBOUND_DOC_EVENTS_REGEX);
    Pattern presenceEvents = Pattern.compile(Addresses.OUTBOUND_PRESENCE_EVENTS_REGEX);
    long seed = System.nanoTime();
    Random r = new Random(seed);
    int ids = 0;
    int addresses = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = candidate(r);
      String why = "seed " + seed + ": \"" + s + "\"";
      boolean id = Addresses.DOC_ID.matcher(s).matches();
      ids += id ? 1 : 0;
      assertEquals(id, Addresses.isDocId(s), why);
      assertEquals(Addresses.CLIENT_ID.matcher(s).matches(), Addresses.isClientId(s), why);
      boolean in = inboundDoc.matcher(s).matches();
      addresses += in ? 1 : 0;
      assertEquals(in, Addresses.isInboundDoc(s), why);
      assertEquals(inboundPresence.matcher(s).matches(), Addresses.isInboundPresence(s), why);
      assertEquals(docEvents.matcher(s).matches(), Addresses.isDocEvents(s), why);
      assertEquals(presenceEvents.matcher(s).matches(), Addresses.isPresenceEvents(s), why);
      assertEquals(docIdByRegex(s), Addresses.docIdOf(s), why);
    }
    // the generator must actually produce both outcomes
    assertEquals(true, ids > 1_000 && addresses > 1_000, "too few valid candidates: " + ids + " ids, " + addresses + " addresses");
  }

  /** The definition: strip the prefix, then one ".events", and what is left must be a document id. */
  private static String docIdByRegex(String address) {
    String rest;
    if (address.startsWith("doc.")) {
      rest = address.substring(4);
    } else if (address.startsWith("presence.")) {
      rest = address.substring(9);
    } else {
      return null;
    }
    if (rest.endsWith(".events")) {
      String inner = rest.substring(0, rest.length() - 7);
      if (Addresses.DOC_ID.matcher(inner).matches()) {
        return inner;
      }
    }
    return Addresses.DOC_ID.matcher(rest).matches() ? rest : null;
  }
}
