package io.verso.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(256, 1, 1);

  @Test
  void hashesVerifyOnlyTheRightPassword() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void refusesToRunOnAnEventLoop() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
      vertx.runOnContext(v -> {
        try {
          hasher.hash("on the loop");
          onLoop.complete(null);
        } catch (IllegalStateException e) {
          onLoop.complete(e);
        }
      });
      assertThat(onLoop.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
      String onWorker = vertx.executeBlocking(() -> hasher.hash("on a worker"))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(hasher.verify("on a worker", onWorker)).isTrue();
    } finally {
      vertx.close();
    }
  }

  @Test
  void saltsDiffer() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void hashesWithOtherParametersStillVerify() {
    String stronger = new PasswordHasher(512, 2, 2).hash("pässwörd-ünïcode");
    assertThat(hasher.verify("pässwörd-ünïcode", stronger)).isTrue();
  }

  @Test
  void garbageAndHostileHashesNeverVerify() {
    assertThat(hasher.verify("whatever1", null)).isFalse();
    assertThat(hasher.verify("whatever1", "")).isFalse();
    assertThat(hasher.verify("whatever1", "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    // absurd memory cost from a corrupt row is refused, not computed
    assertThat(hasher.verify("whatever1", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
  }
}
