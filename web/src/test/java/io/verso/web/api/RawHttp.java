package io.verso.web.api;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** HTTP/1.1 requests over a raw socket, for the headers java.net.http refuses to set (Host). */
final class RawHttp {
  private RawHttp() {}

  /** An answer: its status, its Set-Cookie values in order, its body. */
  record Answer(int status, List<String> setCookies, String body) {}

  /** POSTs a JSON body to 127.0.0.1:port with the given Host header; returns the Set-Cookie values. */
  static List<String> setCookies(int port, String host, String path, String json) {
    Answer a = exchange(port, "POST", host, path, Map.of("X-Requested-With", "XMLHttpRequest"), json);
    if (a.status() != 201) {
      throw new AssertionError("unexpected answer: " + a);
    }
    return a.setCookies();
  }

  /** One request to 127.0.0.1:port with the given Host and extra headers (a body is sent as JSON). */
  static Answer exchange(int port, String method, String host, String path, Map<String, String> headers, String json) {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (json != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String headerBlock = response.substring(0, end);
      List<String> cookies = new ArrayList<>();
      for (String line : headerBlock.split("\r\n")) {
        if (line.regionMatches(true, 0, "set-cookie:", 0, 11)) {
          cookies.add(line.substring(11).trim());
        }
      }
      int status = Integer.parseInt(headerBlock.substring(9, 12));
      return new Answer(status, cookies, response.substring(end + 4));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
