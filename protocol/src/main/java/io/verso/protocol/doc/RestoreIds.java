package io.verso.protocol.doc;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The client ids of restores: {@code restore-r<rev>-<32 hex>}, saying in the op log which revision
 * an op restored, so history can show a restore as an entry of its own without a column of its own.
 * Reserved for the history service: the sequencer refuses a submit under {@link #PREFIX} from any
 * other sender ({@link io.verso.protocol.Addresses#HEADER_ORIGIN}), or a socket could label its
 * own edits as restores.
 */
public final class RestoreIds {
  public static final String PREFIX = "restore-";
  private static final String REV = PREFIX + "r";

  private RestoreIds() {}

  /** A fresh client id for restoring {@code rev} (at most 9 + 19 + 1 + 32 = 61 characters). */
  public static String clientId(long rev) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return REV + rev + "-" + String.format("%016x%016x", r.nextLong(), r.nextLong());
  }

  /** Whether a submit under this client id must come from the history service. */
  public static boolean isReserved(String clientId) {
    return clientId != null && clientId.startsWith(PREFIX);
  }

  /** What the op at {@code rev} submitted under {@code clientId} restored: an earlier revision, else null. */
  public static Long restoredFrom(String clientId, long rev) {
    Long from = restoredFrom(clientId);
    return from != null && from < rev ? from : null;
  }

  /** The revision a restore's client id says it restored; null for any other client id. */
  public static Long restoredFrom(String clientId) {
    if (clientId == null || !clientId.startsWith(REV)) {
      return null;
    }
    int dash = clientId.indexOf('-', REV.length());
    if (dash < 0 || dash == REV.length() || dash - REV.length() > 19 || clientId.length() - dash - 1 != 32) {
      return null;
    }
    for (int i = REV.length(); i < dash; i++) {
      if (clientId.charAt(i) < '0' || clientId.charAt(i) > '9') {
        return null;
      }
    }
    for (int i = dash + 1; i < clientId.length(); i++) {
      char c = clientId.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return null;
      }
    }
    try {
      return Long.parseLong(clientId, REV.length(), dash, 10);
    } catch (NumberFormatException e) {
      return null; // 19 digits beyond Long.MAX_VALUE
    }
  }
}
