package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs the topology runs. The lab installs nothing: a missing program is a usage
 * error (exit status 2) whose message names the Debian package that has it.
 *
 * <p>PostgreSQL, PgBouncer and (as a courtesy) initdb refuse to run as root. When the lab runs as
 * root, as on a CI machine, they run under {@code unshare --user}: a new user namespace in which
 * the process is an unprivileged user that still owns the files the lab created (this is how
 * zonky's embedded PostgreSQL runs as root too).
 */
public final class Binaries {

  static final Path POSTGRES_ROOT = Path.of("/usr/lib/postgresql");

  private Binaries() {}

  /** The newest installed PostgreSQL's bin directory (with initdb, pg_ctl and postgres). */
  public static Path postgresBin() {
    return postgresBin(POSTGRES_ROOT);
  }

  static Path postgresBin(Path root) {
    List<Path> versions = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        dirs.filter(d -> d.getFileName().toString().matches("\\d+(\\.\\d+)?"))
            .filter(d -> Files.isExecutable(d.resolve("bin/initdb")))
            .filter(d -> Files.isExecutable(d.resolve("bin/pg_ctl")))
            .forEach(versions::add);
      } catch (IOException e) {
        // treated as not installed
      }
    }
    return versions.stream()
        .max(Comparator.comparingDouble(d -> Double.parseDouble(d.getFileName().toString())))
        .map(d -> d.resolve("bin"))
        .orElseThrow(
            () ->
                missing(
                    "PostgreSQL's initdb and pg_ctl (looked in " + root + "/*/bin)", "postgresql"));
  }

  public static Path pgbouncer() {
    return program("pgbouncer", "pgbouncer");
  }

  public static Path haproxy() {
    return program("haproxy", "haproxy");
  }

  /** {@code /usr/sbin/NAME}, {@code /usr/bin/NAME} or the first on the PATH. */
  static Path program(String name, String debianPackage) {
    return find(name).orElseThrow(() -> missing(name, debianPackage));
  }

  static Optional<Path> find(String name) {
    List<Path> candidates =
        new ArrayList<>(List.of(Path.of("/usr/sbin", name), Path.of("/usr/bin", name)));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static LabConnectionException missing(String what, String debianPackage) {
    return new LabConnectionException(
        "the topology needs "
            + what
            + ", which is not installed; the race lab installs nothing: install the Debian"
            + " package '"
            + debianPackage
            + "' (apt-get install "
            + debianPackage
            + ")");
  }

  /**
   * What to put before a command that refuses root: nothing for an ordinary user, {@code unshare
   * --user} for root.
   */
  public static List<String> unprivileged() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    Path unshare =
        find("unshare")
            .orElseThrow(
                () ->
                    missing(
                        "unshare (PostgreSQL and PgBouncer refuse to run as root; the lab runs"
                            + " them in a user namespace)",
                        "util-linux"));
    return List.of(unshare.toString(), "--user");
  }

  static List<String> command(List<String> prefix, String... command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(command));
    return all;
  }
}
