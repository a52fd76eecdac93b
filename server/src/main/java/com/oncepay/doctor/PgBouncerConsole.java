package com.oncepay.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PgBouncer's admin console, read with psql, the client PgBouncer's own documentation uses for it.
 * Not a Java driver: the console accepts only SHOW and its own commands, and both pgjdbc (SET
 * extra_float_digits after login, because it takes the console's "1.18.0/bouncer" for an old
 * PostgreSQL) and r2dbc-postgresql (SHOW TRANSACTION ISOLATION LEVEL) send a query of their own
 * first that the console refuses, with no way to turn it off (docs/decisions/0010).
 */
final class PgBouncerConsole {

  /** Unit separator: cannot occur in a setting's value, unlike the tab or the pipe. */
  private static final String SEPARATOR = "\u001f";

  private static final long TIMEOUT_SECONDS = 15;

  private final JdbcAddress address;
  private final String psql;

  PgBouncerConsole(JdbcAddress address, String psql) {
    this.address = address;
    this.psql = psql;
  }

  /** A SHOW command's rows, each column by name, every value as text. */
  List<Map<String, String>> show(String what) throws ConsoleException {
    List<String> command =
        List.of(
            psql,
            "--no-psqlrc",
            "--no-align",
            "--field-separator=" + SEPARATOR,
            "--pset=footer=off",
            "--no-password",
            "--host=" + address.host(),
            "--port=" + address.port(),
            "--username=" + address.user(),
            "--dbname=" + address.database(),
            "--command=SHOW " + what);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    if (address.password() != null) {
      builder.environment().put("PGPASSWORD", address.password());
    }
    builder.environment().put("PGCONNECT_TIMEOUT", "5");
    builder.environment().put("PGAPPNAME", DatabaseTarget.APPLICATION_NAME);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ConsoleException(
          "psql is needed to read PgBouncer's admin console and was not found ("
              + Checks.message(e)
              + ")");
    }
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ConsoleException("psql did not answer within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new ConsoleException(new String(err, StandardCharsets.UTF_8).strip());
      }
      return rows(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConsoleException("reading psql's output: " + Checks.message(e));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ConsoleException("interrupted");
    }
  }

  /** psql's unaligned output: a header line of column names, then one line per row. */
  static List<Map<String, String>> rows(String output) {
    List<String> lines = output.lines().filter(line -> !line.isEmpty()).toList();
    List<Map<String, String>> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    String[] names = lines.getFirst().split(SEPARATOR, -1);
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split(SEPARATOR, -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        row.put(names[i], i < values.length ? values[i] : "");
      }
      rows.add(row);
    }
    return rows;
  }

  static final class ConsoleException extends Exception {
    ConsoleException(String message) {
      super(message);
    }
  }
}
