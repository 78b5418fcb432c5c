package io.verso.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast configuration of a Verso node: {@code cluster.xml} at the jar root (Vert.x's maps
 * and multimaps, failure detection, phone-home off) with the process's own choices laid over it —
 * cluster name, the interface to bind, the member port and the TCP/IP member list. Multicast and
 * cloud auto-detection stay off: nodes join only the members they are told about.
 */
final class ClusterSetup {
  private ClusterSetup() {}

  static Config hazelcast(AppOptions o) {
    Config config = ConfigUtil.loadConfig(); // cluster.xml from the classpath root
    config.setClusterName(o.clusterName());
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

  /** The event bus binds the same interface as Hazelcast, on a free port, and advertises it. */
  static void eventBus(VertxOptions options, AppOptions o) {
    options.getEventBusOptions().setHost(o.clusterHost()).setPort(0).setClusterPublicHost(o.clusterHost());
  }
}
