package io.verso.web;

import io.verso.web.auth.SessionCookies;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL users open ({@code http.publicUrl}, the app's {@code --public-url}): its origin may make
 * state-changing requests, and its scheme says whether session cookies can be Secure. Plain HTTP to a
 * host other than localhost sends the session cookies unencrypted over the network, so it is allowed
 * only when asked for explicitly ({@code http.allowInsecureHttp}, {@code --allow-insecure-http}).
 */
public record PublicUrl(String scheme, String host, int port) {

  public static PublicUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("public URL '" + url + "' is no URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("public URL '" + url + "' must be http://HOST[:PORT]/ or https://HOST[:PORT]/");
    }
    return new PublicUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
  }

  /** scheme://host[:port], as a browser sends it in {@code Origin} (default ports left out). */
  public String origin() {
    boolean defaultPort = port < 0 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  /** Plain HTTP to a host other than localhost: cookies cannot be Secure and travel in clear. */
  public boolean insecure() {
    return scheme.equals("http") && !SessionCookies.isLocalhostName(host);
  }

  /** Why {@link #insecure()} needs an explicit opt-in, and what to set: the start-up refusal. */
  public String refusal() {
    return "the public URL " + origin() + " is plain HTTP to a host other than localhost: browsers drop "
        + "Secure session cookies there, and cookies without Secure (and passwords) cross the network unencrypted. "
        + "Serve Verso over HTTPS (e.g. behind a TLS proxy) and set --public-url=https://" + host + "/ "
        + "(VERSO_PUBLIC_URL), or, on a network you trust, accept the risk with --allow-insecure-http "
        + "(VERSO_ALLOW_INSECURE_HTTP=true); see docs/SECURITY.md";
  }
}
