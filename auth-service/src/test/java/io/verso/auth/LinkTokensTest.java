package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.auth.ShareLinkToken;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Share-link tokens: 256 random bits in the wire form, kept as a hash that only the token matches. */
class LinkTokensTest {
  @Test
  void tokensAreUnguessableAndHaveTheWireForm() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String t = LinkTokens.newToken();
      assertThat(t).hasSize(ShareLinkToken.LENGTH).matches("[A-Za-z0-9_-]{43}");
      assertThat(ShareLinkToken.of(t)).isEqualTo(t);
      seen.add(t);
    }
    assertThat(seen).hasSize(1_000);
  }

  @Test
  void onlyTheTokenMatchesItsHash() {
    String t = LinkTokens.newToken();
    String hash = LinkTokens.hash(t);
    assertThat(hash).hasSize(64).doesNotContain(t);
    assertThat(LinkTokens.matches(t, hash)).isTrue();
    assertThat(LinkTokens.matches(LinkTokens.newToken(), hash)).isFalse();
    assertThat(LinkTokens.matches(t, null)).isFalse();
    assertThat(LinkTokens.matches(t, hash.toUpperCase())).isFalse();
  }
}
