package io.verso.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster configuration of a Verso node. Hazelcast: {@code cluster.xml} at the jar root
 * (Vert.x's maps and multimaps, failure detection, phone-home off) with the process's own choices
 * laid over it — cluster name (derived from the secret, see
 * {@link ClusterCredentials#hazelcastClusterName}), the interface to bind, the member port and the
 * TCP/IP member list; multicast and cloud auto-detection stay off, so nodes join only the members
 * they are told about. The event bus: the same interface, a fixed port (firewalls need one), and TLS
 * with a client certificate required, both signed by the cluster's authority.
 */
final class ClusterSetup {
  private ClusterSetup() {}

  static Config hazelcast(AppOptions o) {
    Config config = ConfigUtil.loadConfig(); // cluster.xml from the classpath root
    ClusterCredentials credentials = o.clusterCredentials();
    if (credentials != null) {
      config.setClusterName(credentials.hazelcastClusterName(o.clusterName()));
      // Hazelcast writes the cluster name into every log line; the derived name is what a process
      // must present to join, so it stays out of the logs
      config.setProperty("hazelcast.logging.details.enabled", "false");
    } else {
      config.setClusterName(o.clusterName());
    }
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // our own hook leaves in order
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(o.clusterPort()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(o.clusterHost()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = new ArrayList<>(o.clusterMembers());
    String self = o.clusterHost() + ":" + o.clusterPort();
    if (!members.contains(self)) {
      members.add(self);
    }
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    return config;
  }

  /**
   * The event bus binds and advertises the cluster interface on the configured port. With
   * credentials every connection between nodes is TLS, and each side must present a certificate
   * the cluster's authority signed: a process without one can neither send to a node nor receive
   * from one. (Vert.x does not check host names on event-bus connections: any certificate of the
   * cluster's authority is a member, so that authority must sign nothing else.)
   */
  static void eventBus(VertxOptions options, AppOptions o) {
    EventBusOptions bus = options.getEventBusOptions()
        .setHost(o.clusterHost()).setPort(o.clusterBusPort()).setClusterPublicHost(o.clusterHost());
    ClusterCredentials credentials = o.clusterCredentials();
    if (credentials != null) {
      bus.setSsl(true)
          .setKeyCertOptions(credentials.keyCert())
          .setTrustOptions(credentials.trust())
          // Vert.x's event bus trusts every server certificate unless told otherwise: a node would
          // then send to a process with any certificate at all
          .setTrustAll(false)
          .setClientAuth(ClientAuth.REQUIRED);
    }
  }
}
