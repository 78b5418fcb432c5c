package io.verso.presence;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A stable, readable colour per user: a fixed palette of 12 distinguishable colours indexed by a hash of the id. */
public final class Colors {
  /** Mid-dark tones: readable as a caret and behind white flag text, distinct from each other. */
  public static final List<String> PALETTE = List.of(
      "#e6194b", "#267f33", "#4363d8", "#b9561a", "#911eb4", "#147f8a",
      "#d6249f", "#557a1f", "#9a6324", "#800000", "#000075", "#5a5a5a");

  private Colors() {}

  /** The colour of a user: the same on every node and in every run. */
  public static String of(String userId) {
    int hash = 0x811c9dc5; // FNV-1a, 32 bit: stable across JVMs, spreads short ids well
    for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return PALETTE.get(Integer.remainderUnsigned(hash, PALETTE.size()));
  }
}
