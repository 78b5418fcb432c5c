package io.verso.web.api;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One HTTP/1.1 POST over a raw socket, for the headers java.net.http refuses to set (Host). */
final class RawHttp {
  private RawHttp() {}

  /** POSTs a JSON body to 127.0.0.1:port with the given Host header; returns the Set-Cookie values. */
  static List<String> setCookies(int port, String host, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "X-Requested-With: XMLHttpRequest\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      String headers = response.substring(0, response.indexOf("\r\n\r\n"));
      if (!headers.startsWith("HTTP/1.1 201")) {
        throw new AssertionError("unexpected answer: " + response);
      }
      List<String> cookies = new ArrayList<>();
      for (String line : headers.split("\r\n")) {
        if (line.regionMatches(true, 0, "set-cookie:", 0, 11)) {
          cookies.add(line.substring(11).trim());
        }
      }
      return cookies;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
