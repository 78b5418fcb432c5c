package io.verso.web.bridge;

import io.verso.runtime.Configs;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP bridge's settings, read once from {@code tcpBridge.*}; the bridge does not start on
 * anything weak. There is no default token: every service has its own token (at least
 * {@link #MIN_TOKEN_CHARS} characters, none of {@link #WELL_KNOWN}) and its own grants.
 *
 * <ul>
 *   <li>{@code port} (0: off), {@code host} (default 127.0.0.1: only this machine)
 *   <li>{@code services}: {@code [{"name", "token", "grants"}]} (see {@link ServiceGrants}), or
 *       {@code servicesFile}: a JSON file holding that array (a mounted secret keeps tokens out of the
 *       configuration); or the single {@code token} with {@code grants} (the {@code --service-token}
 *       and {@code --service-grants} flags), whose service is named {@code service}
 *   <li>{@code tls.certPath} and {@code tls.keyPath}: PEM files; both or neither (then plain TCP)
 *   <li>{@code preAuthMaxBytes}: the largest frame before the token is accepted (default 4 KiB)
 * </ul>
 */
public record TcpBridgeConfig(String host, int port, List<Service> services, String certPath, String keyPath,
    int preAuthMaxBytes) {

  public static final int MIN_TOKEN_CHARS = 32;
  /** Tokens published in Verso's own files (the compose file's old default): refused wherever they appear. */
  public static final Set<String> WELL_KNOWN = Set.of("change-me-to-a-long-random-token");

  /** One service allowed on the bridge. */
  public record Service(String name, byte[] token, ServiceGrants grants) {}

  public TcpBridgeConfig {
    services = List.copyOf(services);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("tcpBridge.port must be 0..65535");
    }
    if ((certPath == null) != (keyPath == null)) {
      throw new IllegalArgumentException("tcpBridge.tls needs both certPath and keyPath");
    }
    if (preAuthMaxBytes < 256 || preAuthMaxBytes > 64 * 1024) {
      throw new IllegalArgumentException("tcpBridge.preAuthMaxBytes must be 256..65536");
    }
    if (port > 0 && services.isEmpty()) {
      throw new IllegalArgumentException("the TCP bridge needs at least one service: tcpBridge.services, "
          + "tcpBridge.servicesFile or --service-token with --service-grants");
    }
  }

  public boolean enabled() {
    return port > 0;
  }

  public boolean tls() {
    return certPath != null;
  }

  /** Why {@code token} may not be used, or null when it may. */
  public static String weakness(String token) {
    if (token == null || token.length() < MIN_TOKEN_CHARS) {
      return "a service token needs at least " + MIN_TOKEN_CHARS + " characters";
    }
    if (WELL_KNOWN.contains(token)) {
      return "this service token is published in Verso's own files: make a random one (openssl rand -hex 32)";
    }
    return null;
  }

  public static TcpBridgeConfig from(JsonObject config) {
    int port = Configs.integer(config, "tcpBridge.port", 0);
    List<Service> services = new ArrayList<>();
    if (port > 0) {
      Object listed = Configs.lookup(config, "tcpBridge.services");
      String file = Configs.string(config, "tcpBridge.servicesFile", null);
      if (file != null) {
        listed = readFile(file);
      }
      if (listed instanceof JsonArray arr) {
        for (Object o : arr) {
          if (!(o instanceof JsonObject s)) {
            throw new IllegalArgumentException("tcpBridge.services holds objects {name, token, grants}");
          }
          services.add(service(s.getString("name"), s.getString("token"), s.getValue("grants")));
        }
      } else if (listed != null) {
        throw new IllegalArgumentException("tcpBridge.services must be an array");
      }
      String token = Configs.string(config, "tcpBridge.token", null);
      if (token != null) {
        services.add(service("service", token, Configs.lookup(config, "tcpBridge.grants")));
      }
      Set<String> names = new HashSet<>();
      Set<String> tokens = new HashSet<>();
      for (Service s : services) {
        if (!names.add(s.name()) || !tokens.add(new String(s.token(), StandardCharsets.UTF_8))) {
          throw new IllegalArgumentException("two TCP bridge services share a name or a token: " + s.name());
        }
      }
    }
    return new TcpBridgeConfig(Configs.string(config, "tcpBridge.host", "127.0.0.1"), port, services,
        Configs.string(config, "tcpBridge.tls.certPath", null), Configs.string(config, "tcpBridge.tls.keyPath", null),
        Configs.integer(config, "tcpBridge.preAuthMaxBytes", 4 * 1024));
  }

  private static Service service(String name, String token, Object grants) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a TCP bridge service needs a name");
    }
    String weak = weakness(token);
    if (weak != null) {
      throw new IllegalArgumentException("TCP bridge service " + name + ": " + weak);
    }
    if (grants == null) {
      throw new IllegalArgumentException("TCP bridge service " + name + " has no grants (e.g. \"team-*=edit\"; "
          + "\"*=edit\" for every document)");
    }
    return new Service(name, token.getBytes(StandardCharsets.UTF_8), ServiceGrants.fromJson(grants));
  }

  private static JsonArray readFile(String file) {
    try {
      return new JsonArray(Files.readString(Path.of(file)));
    } catch (IOException | DecodeException e) {
      throw new IllegalArgumentException("cannot read tcpBridge.servicesFile " + file + ": " + e.getMessage());
    }
  }
}
