package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presence client ids one socket speaks for: bounded, forgotten when left, each left once on close. */
class PresenceClientsTest {
  @Test
  void aSocketSpeaksForAtMostMaxClients() {
    PresenceClients clients = new PresenceClients();
    for (int i = 0; i < PresenceClients.MAX; i++) {
      assertThat(clients.use(i % 2 == 0 ? "d1" : "d2", "client-" + i)).isTrue();
    }
    assertThat(clients.use("d1", "client-0")).as("one it already speaks for").isTrue();
    assertThat(clients.use("d3", "one-too-many")).isFalse();
    assertThat(clients.count()).isEqualTo(PresenceClients.MAX);
    clients.left("d1", "client-0");
    clients.left("d1", "never-used");
    assertThat(clients.count()).isEqualTo(PresenceClients.MAX - 1);
    assertThat(clients.use("d3", "one-too-many")).as("a freed place").isTrue();
  }

  @Test
  void everyClientStillInUseIsLeftOnce() {
    PresenceClients clients = new PresenceClients();
    clients.use("d1", "a");
    clients.use("d1", "b");
    clients.use("d2", "a");
    clients.left("d1", "b");
    List<String> left = new ArrayList<>();
    clients.leaveAll((doc, client) -> left.add(doc + "/" + client));
    assertThat(left).containsExactlyInAnyOrder("d1/a", "d2/a");
    clients.leaveAll((doc, client) -> left.add("again " + doc + "/" + client));
    assertThat(left).hasSize(2);
    assertThat(clients.count()).isZero();
  }
}
