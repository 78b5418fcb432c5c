package io.verso.web.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.protocol.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP bridge does not start on a weak token, without grants, or open to every interface by default. */
class TcpBridgeConfigTest {
  private static final String GOOD = "0123456789abcdef0123456789abcdef";

  private static TcpBridgeConfig of(JsonObject tcp) {
    return TcpBridgeConfig.from(new JsonObject().put("tcpBridge", tcp));
  }

  @Test
  void noTokenShortTokenOrWellKnownTokenIsRefused() {
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000)))
        .hasMessageContaining("at least one service");
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("token", "sixteen-chars-ok").put("grants", "*=edit")))
        .hasMessageContaining("at least 32 characters");
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("token", "change-me-to-a-long-random-token")
        .put("grants", "*=edit"))).hasMessageContaining("published");
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("services", new JsonArray()
        .add(new JsonObject().put("name", "a").put("token", "change-me-to-a-long-random-token").put("grants", "*=read")))))
        .hasMessageContaining("published");
  }

  @Test
  void aServiceNeedsGrants() {
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("token", GOOD))).hasMessageContaining("no grants");
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("token", GOOD).put("grants", "d1=write")))
        .hasMessageContaining("read or edit");
  }

  @Test
  void loopbackByDefaultAndOffWithoutAPort() {
    TcpBridgeConfig c = of(new JsonObject().put("port", 7000).put("token", GOOD).put("grants", "*=edit"));
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.tls()).isFalse();
    assertThat(c.preAuthMaxBytes()).isEqualTo(4096);
    assertThat(of(new JsonObject()).enabled()).isFalse();
    assertThatThrownBy(() -> of(new JsonObject().put("port", 7000).put("token", GOOD).put("grants", "*=edit")
        .put("tls", new JsonObject().put("certPath", "c.pem")))).hasMessageContaining("both");
  }

  @Test
  void grantsByIdAndPrefixGiveTheHighestAccessThatCovers() {
    ServiceGrants g = ServiceGrants.parse("d1=read, team-*=edit, team-x=read");
    assertThat(g.roleOn("d1")).isEqualTo(Role.VIEWER);
    assertThat(g.roleOn("d10")).isNull();
    assertThat(g.roleOn("team-x")).isEqualTo(Role.EDITOR);
    assertThat(g.roleOn("other")).isNull();
    assertThat(ServiceGrants.parse("*=read").roleOn("anything")).isEqualTo(Role.VIEWER);
    ServiceGrants json = ServiceGrants.fromJson(new JsonArray().add(new JsonObject().put("doc", "a").put("access", "edit"))
        .add(new JsonObject().put("prefix", "p").put("access", "read")));
    assertThat(json.roleOn("a")).isEqualTo(Role.EDITOR);
    assertThat(json.roleOn("pq")).isEqualTo(Role.VIEWER);
  }

  @Test
  void servicesComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("services.json");
    Files.writeString(file, new JsonArray().add(new JsonObject().put("name", "indexer").put("token", GOOD)
        .put("grants", "docs-*=read")).encode());
    TcpBridgeConfig c = of(new JsonObject().put("port", 7000).put("servicesFile", file.toString()));
    assertThat(c.services()).hasSize(1);
    assertThat(c.services().get(0).name()).isEqualTo("indexer");
    assertThat(c.services().get(0).grants().roleOn("docs-1")).isEqualTo(Role.VIEWER);
  }
}
