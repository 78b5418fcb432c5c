package io.verso.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.doc.RestoreIds;
import org.junit.jupiter.api.Test;

class RestoreIdsTest {
  @Test
  void aRestoreIdIsAClientIdThatSaysWhatItRestored() {
    for (long rev : new long[] {0, 1, 42, 259_778, Long.MAX_VALUE / 2}) {
      String id = RestoreIds.clientId(rev);
      assertTrue(Addresses.isClientId(id), id);
      assertTrue(RestoreIds.isReserved(id));
      assertEquals(rev, RestoreIds.restoredFrom(id));
    }
    assertNotEquals(RestoreIds.clientId(7), RestoreIds.clientId(7), "fresh per restore (exactly once is per id)");
  }

  @Test
  void otherClientIdsRestoreNothing() {
    String hex = "0123456789abcdef0123456789abcdef";
    assertNull(RestoreIds.restoredFrom("restore-" + hex)); // the former form: no revision
    assertNull(RestoreIds.restoredFrom("restore-r-" + hex));
    assertNull(RestoreIds.restoredFrom("restore-rx1-" + hex));
    assertNull(RestoreIds.restoredFrom("restore-r1-" + hex.toUpperCase()));
    assertNull(RestoreIds.restoredFrom("restore-r1-" + hex + "0"));
    assertNull(RestoreIds.restoredFrom("restore-r12345678901234567890-" + hex));
    assertNull(RestoreIds.restoredFrom("restore-r9999999999999999999-" + hex));
    assertNull(RestoreIds.restoredFrom("AbCdEfGhIjKlMnOpQr"));
    assertNull(RestoreIds.restoredFrom(null));
    assertFalse(RestoreIds.isReserved("restorE-0123456789abcdef"));
    assertTrue(RestoreIds.isReserved("restore-0123456789abcdef"));
  }
}
