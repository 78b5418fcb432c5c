package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fan-out hub alone, and the rate bucket. */
@ExtendWith(VertxExtension.class)
class BridgeHubTest {

  @Test
  void oneConsumerPerAddressWhateverTheSubscribers(Vertx vertx, VertxTestContext ctx) {
    List<String> a = new CopyOnWriteArrayList<>();
    List<String> b = new CopyOnWriteArrayList<>();
    BridgeHub.Subscriber sa = a::add;
    BridgeHub.Subscriber sb = b::add;
    vertx.runOnContext(v -> {
      BridgeHub hub = new BridgeHub(vertx.eventBus());
      hub.subscribe("doc.x.events", sa)
          .compose(x -> hub.subscribe("doc.x.events", sb))
          .onComplete(ctx.succeeding(x -> {
            ctx.verify(() -> {
              assertThat(hub.consumerCount()).isEqualTo(1);
              assertThat(hub.subscriptionCount()).isEqualTo(2);
            });
            vertx.eventBus().publish("doc.x.events", new JsonObject().put("rev", 1));
            vertx.setTimer(100, t -> {
              ctx.verify(() -> {
                assertThat(a).containsExactly("{\"type\":\"rec\",\"address\":\"doc.x.events\",\"body\":{\"rev\":1}}");
                assertThat(b).isEqualTo(a);
                hub.unsubscribe("doc.x.events", sa);
                assertThat(hub.consumerCount()).isEqualTo(1);
                hub.unsubscribe("doc.x.events", sb);
                assertThat(hub.consumerCount()).isZero();
                assertThat(hub.subscriptionCount()).isZero();
              });
              ctx.completeNow();
            });
          }));
    });
  }

  @Test
  void tokenBucketAllowsTheBurstThenTheRate() {
    long t = 0;
    TokenBucket bucket = new TokenBucket(10, 3, t);
    assertThat(bucket.tryTake(t)).isTrue();
    assertThat(bucket.tryTake(t)).isTrue();
    assertThat(bucket.tryTake(t)).isTrue();
    assertThat(bucket.tryTake(t)).isFalse();
    t += 100_000_000L; // 100 ms: one token at 10/s
    assertThat(bucket.tryTake(t)).isTrue();
    assertThat(bucket.tryTake(t)).isFalse();
    t += 10_000_000_000L; // long pause: back to the burst, not more
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake(t)).isTrue();
    }
    assertThat(bucket.tryTake(t)).isFalse();
  }
}
