package io.verso.web;

import io.netty.util.NetUtil;
import io.verso.runtime.Configs;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client behind a request, which login and sign-up throttling and the per-address
 * socket caps count by. Behind a load balancer the TCP peer is the balancer for everyone, so:
 * <ul>
 *   <li>with {@code http.proxyProtocol} the server reads the PROXY protocol header the balancer sends
 *       first on every connection (HAProxy {@code send-proxy-v2}); the request's remote address is
 *       then already the client's;
 *   <li>with {@code http.trustedProxies} (addresses or CIDRs, array or comma-separated), a request
 *       whose peer is one of them is taken from {@code X-Forwarded-For}: the rightmost address that is
 *       not a trusted proxy (entries further left are whatever the client wrote). From any other peer
 *       the header is ignored: a client cannot pick the address it is counted under.
 * </ul>
 * Addresses are only ever parsed as IP literals (never resolved).
 */
public final class ClientAddresses {
  /** Where {@link #tag} leaves the address in the routing context. */
  private static final String KEY = "verso.clientAddress";

  private final List<Cidr> trusted;

  public ClientAddresses(List<String> trustedProxies) {
    List<Cidr> list = new ArrayList<>();
    for (String t : trustedProxies) {
      if (!t.isBlank()) {
        list.add(Cidr.parse(t.trim()));
      }
    }
    this.trusted = List.copyOf(list);
  }

  public static ClientAddresses from(JsonObject config) {
    Object value = Configs.lookup(config, "http.trustedProxies");
    List<String> list = new ArrayList<>();
    if (value instanceof JsonArray arr) {
      arr.forEach(o -> list.add(String.valueOf(o)));
    } else if (value != null) {
      list.addAll(List.of(value.toString().split(",")));
    }
    return new ClientAddresses(list);
  }

  /** Whether HTTP connections start with a PROXY protocol header ({@code http.proxyProtocol}). */
  public static boolean proxyProtocol(JsonObject config) {
    return Configs.bool(config, "http.proxyProtocol", false);
  }

  /** A handler (first on the router): records the request's client address for {@link #of}. */
  public void tag(RoutingContext ctx) {
    ctx.put(KEY, resolve(ctx.request()));
    ctx.next();
  }

  /** The client address recorded by {@link #tag}; the TCP peer when the request was not tagged. */
  public static String of(RoutingContext ctx) {
    Object tagged = ctx.get(KEY);
    return tagged instanceof String s ? s : host(ctx.request().remoteAddress());
  }

  /** The client address of a request (see the class comment). */
  public String resolve(HttpServerRequest request) {
    String peer = host(request.remoteAddress());
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> chain = new ArrayList<>();
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        chain.add(hop.trim());
      }
    }
    String client = peer;
    for (int i = chain.size() - 1; i >= 0; i--) {
      String hop = chain.get(i);
      if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
        break; // not an address: nothing further left can be believed; the last good hop stands
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return false;
    }
    for (Cidr c : trusted) {
      if (c.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static String host(SocketAddress address) {
    return address == null ? null : address.hostAddress();
  }

  /** An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] net = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
      if (net == null) {
        throw new IllegalArgumentException("http.trustedProxies: not an IP address or CIDR: '" + text + "'");
      }
      int bits = net.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > net.length * 8) {
          throw new IllegalArgumentException("http.trustedProxies: bad prefix length in '" + text + "'");
        }
      }
      return new Cidr(net, bits);
    }

    boolean contains(byte[] address) {
      byte[] a = address;
      if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
        a = java.util.Arrays.copyOfRange(a, 12, 16);
      }
      if (a.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isV4Mapped(byte[] a) {
      for (int i = 0; i < 10; i++) {
        if (a[i] != 0) {
          return false;
        }
      }
      return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
  }
}
