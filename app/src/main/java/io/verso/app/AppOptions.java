package io.verso.app;

import io.verso.web.PublicUrl;
import io.verso.web.bridge.TcpBridgeConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one Verso process runs, from command-line flags, each of which has an environment variable
 * (flags win). No flag at all = every service in one JVM, no cluster, embedded PostgreSQL and Redis,
 * data under {@code ./data}, HTTP on port 8080.
 */
public record AppOptions(
    boolean cluster,
    Set<Service> services,
    String pgUri,
    String redisUri,
    String httpHost,
    int httpPort,
    String publicUrl,
    boolean allowInsecureHttp,
    String clusterName,
    String clusterHost,
    int clusterPort,
    int clusterBusPort,
    List<String> clusterMembers,
    ClusterCredentials clusterCredentials,
    boolean insecureCluster,
    Path dataDir,
    int tcpBridgePort,
    String serviceToken,
    String signup,
    SigningKeyFiles signingKeys,
    JsonObject extraConfig,
    EdgeOptions edge,
    String otlpEndpoint) {

  /** Access-token key files (mounted secrets): current, next and previous; see docs/auth.md. */
  public record SigningKeyFiles(String current, String next, String previous) {}

  static final String MISSING_CLUSTER_KEY = "--cluster with the auth service needs --signing-key=FILE "
      + "(or VERSO_SIGNING_KEY_FILE): the same PKCS#8 P-256 private key on every node, mounted as a secret "
      + "(create one: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signing-key.pem; "
      + "see docs/auth.md, Signing keys)";

  /** The flags, their environment variables and what they mean (printed by {@code --help}). */
  static final Map<String, String[]> FLAGS = flags();

  private static Map<String, String[]> flags() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("cluster", new String[] {"VERSO_CLUSTER", "join a Hazelcast cluster (TCP/IP discovery, no multicast); needs the cluster-cert/key/ca/secret below"});
    m.put("services", new String[] {"VERSO_SERVICES", "services this process runs: storage,auth,presence,edit,history,web (default all)"});
    m.put("pg-url", new String[] {"VERSO_PG_URI", "PostgreSQL URI, e.g. postgresql://user:pw@host:5432/verso (default: embedded)"});
    m.put("redis-url", new String[] {"VERSO_REDIS_URI", "Redis URI, e.g. redis://host:6379 (default: embedded)"});
    m.putAll(ServerPasswords.FLAGS);
    m.put("http-host", new String[] {"VERSO_HTTP_HOST", "interface the HTTP server binds (default 0.0.0.0)"});
    m.put("http-port", new String[] {"VERSO_HTTP_PORT", "HTTP port: the app, the API, /eventbus (default 8080)"});
    m.put("public-url", new String[] {"VERSO_PUBLIC_URL", "the URL users open (default http://localhost:<port>/): its origin may sign up and in; https gives Secure cookies"});
    m.put("allow-insecure-http", new String[] {"VERSO_ALLOW_INSECURE_HTTP", "allow a plain-http --public-url on a host other than localhost (cookies and passwords unencrypted: trusted networks only)"});
    m.put("cluster-name", new String[] {"VERSO_CLUSTER_NAME", "name of the cluster (default verso); with a secret, Hazelcast's name derives from both"});
    m.put("cluster-host", new String[] {"VERSO_CLUSTER_HOST", "interface Hazelcast and the event bus bind and advertise (default 127.0.0.1)"});
    m.put("cluster-port", new String[] {"VERSO_CLUSTER_PORT", "Hazelcast member port (default 5701)"});
    m.put("cluster-bus-port", new String[] {"VERSO_CLUSTER_BUS_PORT", "event-bus port between nodes (default: cluster port + 1000)"});
    m.put("cluster-members", new String[] {"VERSO_CLUSTER_MEMBERS", "comma-separated host[:port] of members to join"});
    m.put("cluster-cert", new String[] {"VERSO_CLUSTER_CERT", "this node's certificate (PEM file, or PEM text in the variable)"});
    m.put("cluster-key", new String[] {"VERSO_CLUSTER_KEY", "this node's private key (PKCS#8 PEM file, or PEM text in the variable)"});
    m.put("cluster-ca", new String[] {"VERSO_CLUSTER_CA", "the cluster's CA certificate: the only issuer nodes accept (PEM)"});
    m.put("cluster-secret", new String[] {"VERSO_CLUSTER_SECRET", "secret every member knows (>= 16 characters); prefer the file"});
    m.put("cluster-secret-file", new String[] {"VERSO_CLUSTER_SECRET_FILE", "file holding the cluster secret"});
    m.put("insecure-cluster", new String[] {"VERSO_INSECURE_CLUSTER", "cluster without TLS or secret (trusted networks and tests only)"});
    m.put("data-dir", new String[] {"VERSO_DATA_DIR", "directory for the embedded database, keys and Redis (default ./data)"});
    m.put("tcp-bridge-port", new String[] {"VERSO_TCP_BRIDGE_PORT", "port of the TCP event-bus bridge for services (default 0 = off)"});
    m.put("service-token", new String[] {"VERSO_SERVICE_TOKEN", "token of the one TCP bridge service (>= 32 characters; with --service-grants)"});
    m.put("signing-key", new String[] {"VERSO_SIGNING_KEY_FILE", "PEM file of the access-token signing key (required with --cluster; default: generated in the data dir)"});
    m.put("signing-key-next", new String[] {"VERSO_SIGNING_KEY_NEXT_FILE", "PEM file of the key the next rotation makes current (verifies only)"});
    m.put("signing-key-previous", new String[] {"VERSO_SIGNING_KEY_PREVIOUS_FILE", "PEM file of the key the last rotation retired (verifies only)"});
    m.put("signup", new String[] {"VERSO_SIGNUP", "open (anyone may sign up, default) or closed (accounts by add-user only)"});
    m.put("config", new String[] {"VERSO_CONFIG", "JSON file merged into every service's configuration"});
    m.put("otlp-endpoint", new String[] {"VERSO_OTLP_ENDPOINT", "OTLP/HTTP collector, e.g. http://collector:4318: traces HTTP requests and event-bus messages (default: off)"});
    m.putAll(EdgeOptions.FLAGS);
    return m;
  }

  public enum Service {
    STORAGE, AUTH, PRESENCE, EDIT, HISTORY, WEB;

    static Service parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown service '" + s.trim()
            + "' (known: storage, auth, presence, edit, history, web)");
      }
    }
  }

  public boolean runs(Service s) {
    return services.contains(s);
  }

  /** The URL to print and to open. */
  public String url() {
    return publicUrl != null ? publicUrl : "http://localhost:" + httpPort + "/";
  }

  /** The configuration every service verticle of this process receives. */
  public JsonObject serviceConfig() {
    JsonObject c = new JsonObject()
        .put("verso.data.dir", dataDir.toString())
        .put("http.host", httpHost)
        .put("http.port", httpPort)
        .put("tcpBridge.port", tcpBridgePort);
    if (pgUri != null) {
      c.put("pg.uri", pgUri);
    }
    if (redisUri != null) {
      c.put("redis.uri", redisUri);
    }
    if (publicUrl != null) {
      c.put("http.publicUrl", publicUrl);
    }
    if (allowInsecureHttp) {
      c.put("http.allowInsecureHttp", true);
    }
    if (serviceToken != null) {
      c.put("tcpBridge.token", serviceToken);
    }
    c.mergeIn(extraConfig, true);
    c.mergeIn(edge.settings()); // flags (flat keys, looked up first) win over a --config file
    putIfSet(c, "auth.jwt.keyFile", signingKeys.current());
    putIfSet(c, "auth.jwt.nextKeyFile", signingKeys.next());
    putIfSet(c, "auth.jwt.previousKeyFile", signingKeys.previous());
    if (signup != null) {
      // a flat key is looked up before nested ones: the flag (or VERSO_SIGNUP) wins over a --config file
      c.put("auth.signup.mode", signup);
    }
    return c;
  }

  private static void putIfSet(JsonObject c, String key, String value) {
    if (value != null) {
      c.put(key, value);
    }
  }

  /** Flags that stand alone: present means true. */
  private static final Set<String> SWITCHES = Set.of("cluster", "insecure-cluster", "allow-insecure-http");

  /**
   * What a record would print, without what must not reach a log: the URIs' passwords, the service
   * token and the cluster's credentials are shown as set or not.
   */
  @Override
  public String toString() {
    return "AppOptions[cluster=" + cluster + ", services=" + services + ", pgUri=" + redacted(pgUri)
        + ", redisUri=" + redacted(redisUri) + ", httpHost=" + httpHost + ", httpPort=" + httpPort
        + ", publicUrl=" + publicUrl + ", clusterHost=" + clusterHost + ", clusterPort=" + clusterPort
        + ", clusterMembers=" + clusterMembers + ", clusterCredentials=" + (clusterCredentials == null ? "none" : "set")
        + ", dataDir=" + dataDir + ", tcpBridgePort=" + tcpBridgePort
        + ", serviceToken=" + (serviceToken == null ? "none" : "set") + ", otlpEndpoint=" + otlpEndpoint + "]";
  }

  /** A URI without its user information (user:password@): only where it points. */
  private static String redacted(String uri) {
    if (uri == null) {
      return null;
    }
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    return scheme >= 0 && at > scheme ? uri.substring(0, scheme + 3) + "***@" + uri.substring(at + 1) : uri;
  }

  /** Parses flags ({@code --name=value}, {@code --name value} or bare {@code --cluster}) over {@code env}. */
  public static AppOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> v = new LinkedHashMap<>();
    FLAGS.forEach((flag, meta) -> {
      String e = env.get(meta[0]);
      if (e != null && !e.isBlank()) {
        v.put(flag, e.trim());
      }
    });
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!FLAGS.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (value == null) {
        if (SWITCHES.contains(name)) {
          value = "true";
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
      }
      v.put(name, value);
    }
    return from(v);
  }

  private static AppOptions from(Map<String, String> v) {
    Set<Service> services = EnumSet.noneOf(Service.class);
    String list = v.getOrDefault("services", "storage,auth,presence,edit,history,web");
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        services.add(Service.parse(s));
      }
    }
    if (services.isEmpty()) {
      throw new IllegalArgumentException("--services names no service");
    }
    int httpPort = port(v, "http-port", 8080);
    int bridgePort = port(v, "tcp-bridge-port", 0);
    String token = v.get("service-token");
    EdgeOptions edge = EdgeOptions.from(v);
    if (token != null && TcpBridgeConfig.weakness(token) != null) {
      throw new IllegalArgumentException("--service-token: " + TcpBridgeConfig.weakness(token));
    }
    if (bridgePort > 0 && token == null && !edge.servicesFromFile()) {
      throw new IllegalArgumentException("--tcp-bridge-port needs --service-token (with --service-grants) or --tcp-bridge-services");
    }
    if (token != null && !edge.hasServiceGrants()) {
      throw new IllegalArgumentException("--service-token needs --service-grants (e.g. 'team-*=edit'; '*=edit' for every document)");
    }
    int clusterPort = port(v, "cluster-port", 5701);
    List<String> members = new ArrayList<>();
    for (String m : v.getOrDefault("cluster-members", "").split(",")) {
      String t = m.trim();
      if (!t.isEmpty()) {
        members.add(t.contains(":") ? t : t + ":" + clusterPort);
      }
    }
    boolean cluster = isTrue(v, "cluster");
    boolean insecure = isTrue(v, "insecure-cluster");
    ClusterCredentials credentials = ClusterCredentials.read(v);
    if (insecure && credentials != null) {
      throw new IllegalArgumentException("--insecure-cluster and the cluster credentials exclude each other: give one");
    }
    if (cluster && !insecure && credentials == null) {
      throw new IllegalArgumentException("--cluster needs --cluster-cert, --cluster-key, --cluster-ca and"
          + " --cluster-secret (or --cluster-secret-file): without them anything that reaches the cluster ports"
          + " joins the cluster (see docs/SECURITY.md). On a trusted network only: --insecure-cluster");
    }
    int busPort = v.containsKey("cluster-bus-port") ? port(v, "cluster-bus-port", 0) : clusterPort + 1000;
    if (busPort == clusterPort) {
      throw new IllegalArgumentException("--cluster-bus-port must differ from --cluster-port (" + clusterPort + ")");
    }
    if (busPort > 65535) {
      throw new IllegalArgumentException("--cluster-bus-port defaults to the cluster port + 1000 (" + busPort
          + "), which is no port: set it");
    }
    boolean allowInsecureHttp = isTrue(v, "allow-insecure-http");
    if (v.containsKey("public-url")) {
      PublicUrl url;
      try {
        url = PublicUrl.parse(v.get("public-url"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--public-url: " + e.getMessage());
      }
      if (url.insecure() && !allowInsecureHttp) {
        throw new IllegalArgumentException("--public-url: " + url.refusal());
      }
    }
    String signup = v.get("signup");
    if (signup != null) {
      signup = signup.trim().toLowerCase(Locale.ROOT);
      if (!signup.equals("open") && !signup.equals("closed")) {
        throw new IllegalArgumentException("--signup must be open or closed, not '" + v.get("signup") + "'");
      }
    }
    JsonObject extra = new JsonObject();
    if (v.containsKey("config")) {
      try {
        extra = new JsonObject(java.nio.file.Files.readString(Path.of(v.get("config"))));
      } catch (java.io.IOException | io.vertx.core.json.DecodeException e) {
        throw new IllegalArgumentException("cannot read --config " + v.get("config") + ": " + e.getMessage());
      }
    }
    String otlp = v.get("otlp-endpoint");
    if (otlp != null) {
      Tracing.tracesUrl(otlp); // refused at start, not at the first export
    }
    SigningKeyFiles keys = new SigningKeyFiles(v.get("signing-key"), v.get("signing-key-next"),
        v.get("signing-key-previous"));
    boolean keyInConfig = extra.containsKey("auth.jwt.keyFile") || extra.containsKey("auth.jwt.privateKeyPem")
        || extra.getJsonObject("auth", new JsonObject()).getJsonObject("jwt", new JsonObject()).size() > 0;
    if (cluster && services.contains(Service.AUTH) && keys.current() == null && !keyInConfig) {
      // a generated key would be this node's alone: tokens it signs would be refused by the others
      throw new IllegalArgumentException(MISSING_CLUSTER_KEY);
    }
    return new AppOptions(cluster, Set.copyOf(services), ServerPasswords.pgUri(v), ServerPasswords.redisUri(v),
        v.getOrDefault("http-host", "0.0.0.0"), httpPort, v.get("public-url"), allowInsecureHttp,
        v.getOrDefault("cluster-name", "verso"), v.getOrDefault("cluster-host", "127.0.0.1"),
        clusterPort, busPort, List.copyOf(members), credentials, insecure, Path.of(v.getOrDefault("data-dir", "data")),
        bridgePort, token, signup, keys, extra, edge, otlp);
  }

  private static boolean isTrue(Map<String, String> v, String flag) {
    return Set.of("true", "yes", "1").contains(v.getOrDefault(flag, "false").trim().toLowerCase(Locale.ROOT));
  }

  static int port(Map<String, String> v, String flag, int dflt) {
    String s = v.get(flag);
    if (s == null) {
      return dflt;
    }
    try {
      int p = Integer.parseInt(s.trim());
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a port number (0-65535), not '" + s + "'");
    }
  }

  static String usage() {
    StringBuilder b = new StringBuilder("Usage: java -jar verso.jar [options]\n"
        + "       java -jar verso.jar add-user --username NAME [--display-name NAME] [--pg-url … | --data-dir …] [--config …]\n"
        + "                                    (the password is read from the console, or the first line of stdin)\n"
        + "\nOptions (flag / environment):\n");
    FLAGS.forEach((flag, meta) -> b.append(String.format("  --%-20s %-26s %s%n", flag, meta[0], meta[1])));
    return b.toString();
  }
}
