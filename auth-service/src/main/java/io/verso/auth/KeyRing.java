package io.verso.auth;

import io.verso.protocol.auth.PublicKeyInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The access-token keys of this node: the current key signs; its public key and those of the next
 * key (published before it signs anything, so every verifier knows it first) and of the previous one
 * (kept until the last token it signed has expired) verify. Only public keys ever leave this class.
 */
public record KeyRing(SigningKeys current, String kid, List<PublicKeyInfo.Key> accepted) {

  public KeyRing {
    accepted = List.copyOf(accepted);
  }

  /** A ring of one key, no rotation under way. */
  public static KeyRing of(SigningKeys current) {
    return of(current, List.of());
  }

  /** {@code current} and the public keys of {@code others}, duplicates dropped. */
  public static KeyRing of(SigningKeys current, List<SigningKeys> others) {
    List<PublicKeyInfo.Key> keys = new ArrayList<>();
    String kid = current.kid();
    keys.add(new PublicKeyInfo.Key(kid, current.publicKeyPem()));
    for (SigningKeys other : others) {
      String id = other.kid();
      if (keys.stream().noneMatch(k -> k.kid().equals(id))) {
        keys.add(new PublicKeyInfo.Key(id, other.publicKeyPem()));
      }
    }
    return new KeyRing(current, kid, keys);
  }

  /** The current key (see {@link SigningKeys#load}) and the next and previous key files, if set. Blocking. */
  public static KeyRing load(AuthConfig config) {
    List<SigningKeys> others = new ArrayList<>();
    for (String file : new String[] {config.keyFiles().next(), config.keyFiles().previous()}) {
      if (file != null) {
        others.add(SigningKeys.read(file));
      }
    }
    return of(SigningKeys.load(config), others);
  }

  /** What verifiers need: algorithm, issuer and the public keys, current first. */
  public PublicKeyInfo publicKeys() {
    return new PublicKeyInfo(AuthConfig.ALGORITHM, AuthConfig.ISSUER, kid, accepted);
  }
}
