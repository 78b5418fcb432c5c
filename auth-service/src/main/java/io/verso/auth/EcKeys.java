package io.verso.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * P-256 key material in PEM: a PKCS#8 private key parsed and its public key derived (so a key file
 * needs nothing but the private key, e.g. {@code openssl genpkey -algorithm EC -pkeyopt
 * ec_paramgen_curve:P-256}), and the RFC 7638 JWK thumbprint of a public key, the tokens' {@code kid}.
 */
final class EcKeys {
  private static final X9ECParameters P256 = SECNamedCurves.getByName("secp256r1");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private EcKeys() {}

  /** The first {@code PRIVATE KEY} block of {@code text} and its public key, both as canonical PEM. */
  static SigningKeys fromPrivatePem(String text) {
    if (text.contains("-----BEGIN EC PRIVATE KEY-----") && !text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the key is SEC1 (BEGIN EC PRIVATE KEY); convert it to PKCS#8: "
          + "openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
    }
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      ECPrivateKey priv = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
      if (!priv.getParams().getOrder().equals(P256.getN())) {
        throw new IllegalArgumentException("the signing key must be on curve P-256 (ES256)");
      }
      var q = new FixedPointCombMultiplier().multiply(P256.getG(), priv.getS()).normalize();
      ECPublicKey pub = (ECPublicKey) ec.generatePublic(new ECPublicKeySpec(
          new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), priv.getParams()));
      return new SigningKeys(SigningKeys.pem("PRIVATE KEY", priv.getEncoded()),
          SigningKeys.pem("PUBLIC KEY", pub.getEncoded()));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a PKCS#8 EC private key: " + e.getMessage(), e);
    }
  }

  /** RFC 7638: base64url SHA-256 of {@code {"crv","kty","x","y"}} in that order, no spaces. */
  static String thumbprint(String publicKeyPem) {
    try {
      ECPublicKey pub = (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(der(publicKeyPem, "PUBLIC KEY")));
      String jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(pub.getW().getAffineX())
          + "\",\"y\":\"" + coordinate(pub.getW().getAffineY()) + "\"}";
      return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not an EC public key: " + e.getMessage(), e);
    }
  }

  /** A field element as the 32 big-endian bytes JWK wants (BigInteger may add a sign byte or drop zeros). */
  private static String coordinate(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return B64URL.encodeToString(out);
  }

  private static byte[] der(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no " + type + " PEM block");
    }
    String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
