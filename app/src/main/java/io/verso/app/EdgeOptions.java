package io.verso.app;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of a node's edges — what faces the network besides the app: the TCP bridge's interface,
 * TLS and service grants, how the real client address is learnt behind a proxy, and the ops server
 * ({@code /health/*}, {@code /metrics}) on its own interface and port. Parsed from the same flags and
 * environment as {@link AppOptions}; each becomes a key of the services' configuration.
 */
public record EdgeOptions(JsonObject settings) {

  static final Map<String, String[]> FLAGS = flags();
  /** The configuration key of each flag. */
  private static final Map<String, String> KEYS = Map.of(
      "tcp-bridge-host", "tcpBridge.host",
      "service-grants", "tcpBridge.grants",
      "tcp-bridge-services", "tcpBridge.servicesFile",
      "tcp-bridge-cert", "tcpBridge.tls.certPath",
      "tcp-bridge-key", "tcpBridge.tls.keyPath",
      "proxy-protocol", "http.proxyProtocol",
      "trusted-proxies", "http.trustedProxies",
      "ops-host", "ops.host",
      "ops-port", "ops.port");

  public EdgeOptions {
    settings = settings.copy();
  }

  private static Map<String, String[]> flags() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("tcp-bridge-host", new String[] {"VERSO_TCP_BRIDGE_HOST", "interface the TCP bridge binds (default 127.0.0.1)"});
    m.put("service-grants", new String[] {"VERSO_SERVICE_GRANTS", "what --service-token may touch: ID=read|edit, PREFIX*=read|edit, *=edit (comma-separated)"});
    m.put("tcp-bridge-services", new String[] {"VERSO_TCP_BRIDGE_SERVICES", "JSON file of TCP bridge services [{name, token, grants}] (instead of --service-token)"});
    m.put("tcp-bridge-cert", new String[] {"VERSO_TCP_BRIDGE_CERT", "PEM certificate (chain) of the TCP bridge: TLS on"});
    m.put("tcp-bridge-key", new String[] {"VERSO_TCP_BRIDGE_KEY", "PEM private key of the TCP bridge"});
    m.put("proxy-protocol", new String[] {"VERSO_PROXY_PROTOCOL", "true: every HTTP connection starts with a PROXY protocol header (HAProxy send-proxy-v2)"});
    m.put("trusted-proxies", new String[] {"VERSO_TRUSTED_PROXIES", "addresses/CIDRs whose X-Forwarded-For is believed (comma-separated)"});
    m.put("ops-host", new String[] {"VERSO_OPS_HOST", "interface of the ops server: /health/live, /health/ready, /metrics (default 127.0.0.1)"});
    m.put("ops-port", new String[] {"VERSO_OPS_PORT", "port of the ops server (default 9090, 0 = off)"});
    return m;
  }

  static EdgeOptions from(Map<String, String> v) {
    if (v.containsKey("tcp-bridge-cert") != v.containsKey("tcp-bridge-key")) {
      throw new IllegalArgumentException("--tcp-bridge-cert and --tcp-bridge-key go together");
    }
    JsonObject settings = new JsonObject();
    KEYS.forEach((flag, key) -> {
      if (v.containsKey(flag)) {
        settings.put(key, v.get(flag));
      }
    });
    if (v.containsKey("proxy-protocol")) {
      String proxy = v.get("proxy-protocol").trim().toLowerCase(Locale.ROOT);
      if (!Set.of("true", "false").contains(proxy)) {
        throw new IllegalArgumentException("--proxy-protocol must be true or false, not '" + v.get("proxy-protocol") + "'");
      }
      settings.put("http.proxyProtocol", Boolean.parseBoolean(proxy));
    }
    if (v.containsKey("ops-port")) {
      settings.put("ops.port", AppOptions.port(v, "ops-port", 9090));
    }
    return new EdgeOptions(settings);
  }

  /** Whether the TCP bridge has its services from a file (else --service-token with --service-grants). */
  boolean servicesFromFile() {
    return settings.containsKey("tcpBridge.servicesFile");
  }

  boolean hasServiceGrants() {
    return settings.containsKey("tcpBridge.grants");
  }
}
