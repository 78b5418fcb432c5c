package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The successor of a refresh token: the same on every node of a cluster, unpredictable without the key. */
class RefreshSuccessorTest {
  private final SigningKeys clusterKey = SigningKeys.generate();
  private final RefreshTokens nodeA = new RefreshTokens(clusterKey.privateKeyPem());
  private final RefreshTokens nodeB = new RefreshTokens(clusterKey.privateKeyPem());
  private final RefreshTokens otherCluster = new RefreshTokens(SigningKeys.generate().privateKeyPem());

  @Test
  void everyNodeDerivesTheSameSuccessorOfTheSameFamily() {
    String token = nodeA.newToken(nodeA.newFamilyId());
    String next = nodeA.successor(token);
    assertThat(nodeB.successor(token)).isEqualTo(next);
    assertThat(RefreshTokens.wellFormed(next)).isTrue();
    assertThat(RefreshTokens.familyOf(next)).isEqualTo(RefreshTokens.familyOf(token));
    assertThat(next).isNotEqualTo(token);
  }

  @Test
  void successorsDependOnTheKeyAndOnEveryTokenCharacter() {
    String family = nodeA.newFamilyId();
    String token = nodeA.newToken(family);
    assertThat(otherCluster.successor(token)).isNotEqualTo(nodeA.successor(token));
    Set<String> seen = new HashSet<>();
    String chain = token;
    for (int i = 0; i < 1000; i++) {
      chain = nodeA.successor(chain);
      assertThat(seen.add(chain)).as("a chain of successors never repeats").isTrue();
    }
    char last = token.charAt(token.length() - 1);
    String neighbour = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(nodeA.successor(neighbour).substring(23)).isNotEqualTo(nodeA.successor(token).substring(23));
  }
}
