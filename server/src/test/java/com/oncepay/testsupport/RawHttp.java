package com.oncepay.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte over a socket, for requests no well-behaved client would send (an
 * undecodable path, a repeated header, a body that does not match its headers): every HTTP library
 * refuses or repairs them before they leave.
 */
public final class RawHttp {

  private RawHttp() {}

  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-separated, no final blank line) and body.
   */
  public static Answer send(int port, String head, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      String lengthHeader =
          body.length > 0 && !head.toLowerCase(Locale.ROOT).contains("content-length")
              ? "\r\nContent-Length: " + body.length
              : "";
      out.write(
          (head + lengthHeader + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer (413, 400) and close before it has read everything.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Answer get(int port, String target, String... headers) {
    return send(port, head("GET", target, headers), new byte[0]);
  }

  public static String head(String method, String target, String... headers) {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return head.toString();
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (IOException reset) {
      // A reset after the answer: keep what arrived.
    }
    byte[] bytes = all.toByteArray();
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      return new Answer(-1, Map.of(), bytes);
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd =
          indexOf(Arrays.copyOfRange(chunked, i, chunked.length), new byte[] {'\r', '\n'});
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(chunked, i, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0];
      int size = Integer.parseInt(sizeText.strip(), 16);
      if (size == 0) {
        break;
      }
      int start = i + lineEnd + 2;
      out.write(chunked, start, Math.min(size, chunked.length - start));
      i = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
