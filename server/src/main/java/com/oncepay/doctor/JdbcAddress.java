package com.oncepay.doctor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of a {@code jdbc:postgresql://host[:port][/database][?user=..&password=..]} URL, for
 * the clients that do not take a JDBC URL. With several hosts, the first.
 */
record JdbcAddress(String host, int port, String database, String user, String password) {

  private static final String PREFIX = "jdbc:postgresql://";

  static JdbcAddress parse(String url, String defaultUser, String defaultPassword) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + url);
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    Map<String, String> params = new HashMap<>();
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    String first = hosts.split(",")[0];
    String host = first;
    int port = 5432;
    if (first.startsWith("[")) {
      int close = first.indexOf(']');
      host = first.substring(1, close);
      if (first.length() > close + 2) {
        port = Integer.parseInt(first.substring(close + 2));
      }
    } else if (first.contains(":")) {
      host = first.substring(0, first.indexOf(':'));
      port = Integer.parseInt(first.substring(first.indexOf(':') + 1));
    }
    return new JdbcAddress(
        host.isEmpty() ? "localhost" : host,
        port,
        database,
        params.getOrDefault("user", defaultUser),
        params.getOrDefault("password", defaultPassword));
  }

  JdbcAddress onDatabase(String other) {
    return new JdbcAddress(host, port, other, user, password);
  }
}
