package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {
  private final RefreshTokens tokens = new RefreshTokens(SigningKeys.generate().privateKeyPem());

  @Test
  void tokensCarryTheirFamilyAndAreUnique() {
    String family = tokens.newFamilyId();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String t = tokens.newToken(family);
      assertThat(RefreshTokens.wellFormed(t)).as(t).isTrue();
      assertThat(RefreshTokens.familyOf(t)).isEqualTo(family);
      assertThat(seen.add(t)).isTrue();
    }
  }

  @Test
  void onlyTheHashIsStoredAndItDependsOnEveryCharacter() {
    String t = tokens.newToken(tokens.newFamilyId());
    String h = RefreshTokens.hash(t);
    assertThat(h).doesNotContain(t.substring(0, 10)).hasSize(43);
    String otherFamily = tokens.newFamilyId() + t.substring(t.indexOf('.'));
    assertThat(RefreshTokens.hash(otherFamily)).isNotEqualTo(h);
  }

  @Test
  void malformedTokensAreRecognisedBeforeAnyLookup() {
    assertThat(RefreshTokens.wellFormed(null)).isFalse();
    assertThat(RefreshTokens.wellFormed("")).isFalse();
    assertThat(RefreshTokens.wellFormed("garbage")).isFalse();
    assertThat(RefreshTokens.wellFormed("a".repeat(43))).isFalse();
    assertThat(RefreshTokens.wellFormed("a".repeat(22) + "." + "b".repeat(42))).isFalse();
    assertThat(RefreshTokens.wellFormed("a".repeat(22) + "." + "b".repeat(42) + "=")).isFalse();
    assertThat(RefreshTokens.wellFormed("a".repeat(22) + "." + "b".repeat(43))).isTrue();
  }
}
