package com.oncepay.lab.spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The run's temporary directory: its creation, and best-effort clean-up. */
final class Dirs {

  private static final String RUN_DIR_PREFIX = "oncepay-race-";

  private Dirs() {}

  /**
   * Creates the run's directory under {@code java.io.tmpdir}, readable by its owner only, named
   * with a hex suffix. Not {@link Files#createTempDirectory}: its suffix is a random decimal of up
   * to 19 digits, and the service logs paths under this directory, so one run in ten would put a
   * Luhn-valid, card-length number in its log and fail the lab's own log scan for card numbers.
   */
  static Path createRunDir() {
    // 48 random bits: a clash is negligible, and one fails the run rather than sharing a dir.
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), RUN_DIR_PREFIX + Secrets.hex(6));
    try {
      return Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * After a stack stopped: drops its shutdown hook, then deletes the run's directory, or only the
   * jar copy when the directory is kept (logs, database) for a look.
   *
   * @return whether the directory was kept
   */
  static boolean finish(Path dir, Thread shutdownHook, boolean keep) {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
    if (keep) {
      deleteQuietly(dir.resolve("oncepay.jar"));
      return true;
    }
    deleteTree(dir);
    return false;
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: a copy in a temporary directory
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Dirs::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
