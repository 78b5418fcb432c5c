package io.verso.app;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The passwords of an external PostgreSQL and Redis from files (mounted secrets, e.g. compose's
 * {@code /run/secrets/...}) instead of inside {@code --pg-url} / {@code --redis-url}, where they would
 * sit in the environment and in {@code ps}. A file's content, without its trailing line break,
 * replaces any password of the URI. Messages name flags and files, never a URI or a password.
 */
final class ServerPasswords {
  static final Map<String, String[]> FLAGS = flags();

  private ServerPasswords() {}

  private static Map<String, String[]> flags() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("pg-password-file", new String[] {"VERSO_PG_PASSWORD_FILE", "file holding the password of --pg-url's user (overrides one in the URI)"});
    m.put("redis-password-file", new String[] {"VERSO_REDIS_PASSWORD_FILE", "file holding the Redis password (requirepass; overrides one in the URI)"});
    return m;
  }

  /** {@code --pg-url} with the password of {@code --pg-password-file}, if given. */
  static String pgUri(Map<String, String> v) {
    return uriWithPasswordFile(v, "pg-url", "pg-password-file", "the embedded PostgreSQL makes its own password", true);
  }

  /** {@code --redis-url} with the password of {@code --redis-password-file}, if given. */
  static String redisUri(Map<String, String> v) {
    return uriWithPasswordFile(v, "redis-url", "redis-password-file", "the embedded Redis is loopback only", false);
  }

  /** The URI of {@code urlFlag} with the password read from {@code fileFlag}'s file, or as given without one. */
  private static String uriWithPasswordFile(Map<String, String> v, String urlFlag, String fileFlag, String whyNeeded,
      boolean needsUser) {
    String uri = v.get(urlFlag);
    String file = v.get(fileFlag);
    if (file == null) {
      return uri;
    }
    if (uri == null) {
      throw new IllegalArgumentException("--" + fileFlag + " needs --" + urlFlag + " (" + whyNeeded + ")");
    }
    return withPassword(uri, read(fileFlag, file), urlFlag, needsUser);
  }

  /** The file's content without trailing line breaks; refused when missing, unreadable or empty. */
  static String read(String flag, String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("--" + flag + ": cannot read " + file + " ("
          + e.getClass().getSimpleName() + "): mount the secret there or fix the path");
    }
    String password = text.replaceFirst("[\\r\\n]+\\z", "");
    if (password.isEmpty()) {
      throw new IllegalArgumentException("--" + flag + ": " + file + " is empty");
    }
    return password;
  }

  /**
   * {@code uri} with its password replaced by (or set to) {@code password}, percent-encoded as both
   * clients decode it. PostgreSQL needs a user in the URI; Redis without one uses {@code AUTH password}.
   */
  static String withPassword(String uri, String password, String flag, boolean userRequired) {
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      throw new IllegalArgumentException("--" + flag + " must be a URI (scheme://host...) to take a password file");
    }
    String rest = uri.substring(scheme + 3);
    int query = rest.indexOf('?');
    int at = rest.lastIndexOf('@', query < 0 ? rest.length() : query);
    String userInfo = at < 0 ? "" : rest.substring(0, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    if (userRequired && user.isEmpty()) {
      throw new IllegalArgumentException("--" + flag + " needs a user (postgresql://USER@host/db) to take a password file");
    }
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
    return uri.substring(0, scheme + 3) + user + ":" + encoded + "@" + withoutPasswordParameter(rest.substring(at + 1));
  }

  /** A {@code password=} query parameter would win over the user info in the PostgreSQL client: dropped. */
  private static String withoutPasswordParameter(String hostAndRest) {
    int q = hostAndRest.indexOf('?');
    if (q < 0) {
      return hostAndRest;
    }
    String params = Arrays.stream(hostAndRest.substring(q + 1).split("&"))
        .filter(p -> !p.toLowerCase(Locale.ROOT).startsWith("password="))
        .collect(Collectors.joining("&"));
    return hostAndRest.substring(0, q) + (params.isEmpty() ? "" : "?" + params);
  }
}
