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
      BridgeHub hub = new BridgeHub(vertx);
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

  /** A batch's UTF-8 is encoded once and the same bytes are handed to every socket that asks. */
  @Test
  void aBatchEncodesItsBytesOnceForEverySocket() {
    BridgeHub.Batch batch = new BridgeHub.Batch(List.of("{\"t\":\"é✓\"}", "{\"t\":2}"));
    byte[] first = batch.utf8(0);
    assertThat(first).isEqualTo("{\"t\":\"é✓\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(batch.utf8(0)).isSameAs(first);
    assertThat(batch.arrayUtf8()).isSameAs(batch.arrayUtf8())
        .isEqualTo(batch.asArray().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(batch.size()).isEqualTo(2);
  }

  /** Messages that arrive while the event loop is busy go out as one batch; a lone message goes out alone. */
  @Test
  void messagesArrivingTogetherAreFlushedTogether(Vertx vertx, VertxTestContext ctx) {
    List<String> singles = new CopyOnWriteArrayList<>();
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    List<String> arrays = new CopyOnWriteArrayList<>();
    BridgeHub.Subscriber batching = new BridgeHub.Subscriber() {
      @Override
      public void deliver(String frameText) {
        singles.add(frameText);
      }

      @Override
      public void deliverAll(BridgeHub.Batch batch) {
        batches.add(List.copyOf(batch.texts()));
        arrays.add(batch.asArray());
      }
    };
    List<String> plain = new CopyOnWriteArrayList<>();
    BridgeHub.Subscriber oneByOne = plain::add;
    vertx.runOnContext(v -> {
      BridgeHub hub = new BridgeHub(vertx);
      hub.subscribe("doc.y.events", batching).compose(x -> hub.subscribe("doc.y.events", oneByOne))
          .onComplete(ctx.succeeding(x -> {
            for (int i = 0; i < 5; i++) {
              vertx.eventBus().publish("doc.y.events", new JsonObject().put("i", i));
            }
            vertx.setTimer(100, t -> {
              ctx.verify(() -> {
                assertThat(singles).isEmpty();
                assertThat(batches).hasSize(1);
                assertThat(batches.get(0)).hasSize(5);
                assertThat(new io.vertx.core.json.JsonArray(arrays.get(0)).stream()
                    .map(f -> ((JsonObject) f).getJsonObject("body").getInteger("i")).toList()).containsExactly(0, 1, 2, 3, 4);
                assertThat(plain).isEqualTo(batches.get(0));
                assertThat(hub.flushes()).isEqualTo(1);
                assertThat(hub.delivered()).isEqualTo(10);
              });
              vertx.eventBus().publish("doc.y.events", new JsonObject().put("i", 5));
              vertx.setTimer(100, t2 -> {
                ctx.verify(() -> {
                  assertThat(singles).hasSize(1).allMatch(f -> f.contains("\"i\":5"));
                  assertThat(batches).hasSize(1);
                  assertThat(plain).hasSize(6);
                });
                ctx.completeNow();
              });
            });
          }));
    });
  }

  /**
   * A paced address: a message after a quiet spell goes out at once; a steady stream (one message a
   * millisecond) is gathered into flushes at least a window apart, nothing lost or reordered.
   */
  @Test
  void aPacedAddressWritesAStreamOncePerWindowAndALoneMessageAtOnce(Vertx vertx, VertxTestContext ctx) {
    long window = 10;
    List<Long> flushedAt = new CopyOnWriteArrayList<>();
    List<Integer> order = new CopyOnWriteArrayList<>();
    BridgeHub.Subscriber s = new BridgeHub.Subscriber() {
      @Override
      public void deliver(String frameText) {
        flushedAt.add(System.nanoTime());
        order.add(new JsonObject(frameText).getJsonObject("body").getInteger("i"));
      }

      @Override
      public void deliverAll(BridgeHub.Batch batch) {
        flushedAt.add(System.nanoTime());
        batch.texts().forEach(t -> order.add(new JsonObject(t).getJsonObject("body").getInteger("i")));
      }
    };
    vertx.runOnContext(v -> {
      BridgeHub hub = new BridgeHub(vertx, window);
      hub.subscribe("doc.p.events", s).onComplete(ctx.succeeding(x -> {
        long sent = System.nanoTime();
        vertx.eventBus().publish("doc.p.events", new JsonObject().put("i", -1));
        vertx.setTimer(50, t0 -> {
          ctx.verify(() -> {
            assertThat(flushedAt).hasSize(1);
            assertThat(flushedAt.get(0) - sent).as("a lone message waits for no window").isLessThan(window * 1_000_000L);
          });
          flushedAt.clear();
          int[] i = {0};
          vertx.setPeriodic(1, id -> {
            vertx.eventBus().publish("doc.p.events", new JsonObject().put("i", i[0]++));
            if (i[0] == 200) {
              vertx.cancelTimer(id);
              vertx.setTimer(100, t1 -> {
                ctx.verify(() -> {
                  assertThat(order.subList(1, order.size())).isEqualTo(java.util.stream.IntStream.range(0, 200).boxed().toList());
                  // 200 messages over ≥ 200 ms: about one flush a window, not one per message
                  assertThat(flushedAt.size()).isLessThan(200 / 4);
                  for (int k = 1; k < flushedAt.size(); k++) {
                    assertThat(flushedAt.get(k) - flushedAt.get(k - 1)).isGreaterThanOrEqualTo((window - 1) * 1_000_000L);
                  }
                });
                ctx.completeNow();
              });
            }
          });
        });
      }));
    });
  }

  /** Big messages do not pile up into one huge batch: a batch stops growing at 64 KiB of text. */
  @Test
  void batchesAreBoundedInSize(Vertx vertx, VertxTestContext ctx) {
    List<List<String>> flushes = new CopyOnWriteArrayList<>();
    BridgeHub.Subscriber s = new BridgeHub.Subscriber() {
      @Override
      public void deliver(String frameText) {
        flushes.add(List.of(frameText));
      }

      @Override
      public void deliverAll(BridgeHub.Batch batch) {
        flushes.add(List.copyOf(batch.texts()));
      }
    };
    vertx.runOnContext(v -> {
      BridgeHub hub = new BridgeHub(vertx);
      hub.subscribe("doc.z.events", s).onComplete(ctx.succeeding(x -> {
        String big = "x".repeat(30_000);
        for (int i = 0; i < 10; i++) {
          vertx.eventBus().publish("doc.z.events", new JsonObject().put("i", i).put("pad", big));
        }
        vertx.setTimer(200, t -> {
          ctx.verify(() -> {
            assertThat(flushes.stream().mapToInt(List::size).sum()).isEqualTo(10);
            assertThat(flushes.size()).isGreaterThanOrEqualTo(3);
            for (List<String> batch : flushes) {
              int allButLast = batch.subList(0, batch.size() - 1).stream().mapToInt(String::length).sum();
              assertThat(allButLast).isLessThan(BridgeHub.MAX_BATCH_CHARS);
            }
            assertThat(flushes.stream().flatMap(List::stream)
                .map(f -> new JsonObject(f).getJsonObject("body").getInteger("i")).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
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
