package com.oncepay.lab.spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Best-effort clean-up of the run's temporary directory. */
final class Dirs {

  private Dirs() {}

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
