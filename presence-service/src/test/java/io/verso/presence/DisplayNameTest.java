package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {
  @Test
  void controlCharactersAreRemovedAndBlankFallsBackToTheUserId() {
    assertThat(PresenceService.displayName("  Ann\u0000\n\u001b[31mie ", "u1")).isEqualTo("Ann[31mie");
    assertThat(PresenceService.displayName(" \t\n", "u1")).isEqualTo("u1");
    assertThat(PresenceService.displayName(null, "u1")).isEqualTo("u1");
  }

  @Test
  void longNamesAreCutWithoutSplittingASurrogatePair() {
    assertThat(PresenceService.displayName("x".repeat(500), "u")).hasSize(PresenceService.MAX_NAME);
    String name = "x".repeat(PresenceService.MAX_NAME - 1) + "\uD83D\uDE00" + "tail";
    String cut = PresenceService.displayName(name, "u");
    assertThat(cut).isEqualTo("x".repeat(PresenceService.MAX_NAME - 1));
  }
}
