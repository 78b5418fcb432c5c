package io.verso.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColorsTest {
  @Test
  void sameUserSameColour() {
    assertThat(Colors.of("user-42")).isEqualTo(Colors.of("user-42")).isIn(Colors.PALETTE);
  }

  @Test
  void paletteHasTwelveDistinctColoursAndUsersSpreadOverThem() {
    assertThat(new HashSet<>(Colors.PALETTE)).hasSize(12);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      used.add(Colors.of("u" + i));
    }
    assertThat(used).hasSize(12);
  }
}
