package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place where the lab starts and stops processes. Every process is addressed by the PID the
 * lab itself got when it started it (or, for PostgreSQL, that {@code pg_ctl} wrote into the lab's
 * own data directory): nothing is ever looked up by name, so nothing the lab did not start can be
 * signalled.
 *
 * <p>Output goes to a log file in the run's directory, appended, so a restarted process keeps its
 * earlier lines.
 */
public final class ChildProcess {

  private final String name;
  private final Process process;
  private final ProcessHandle handle;
  private final Path log;

  private ChildProcess(String name, Process process, ProcessHandle handle, Path log) {
    this.name = name;
    this.process = process;
    this.handle = handle;
    this.log = log;
  }

  /** Starts {@code command} in {@code dir} with its output appended to {@code log}. */
  public static ChildProcess start(String name, ProcessBuilder command, Path dir, Path log) {
    command
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = command.start();
      recordPid(dir, p.pid(), name);
      return new ChildProcess(name, p, p.toHandle(), log);
    } catch (IOException e) {
      throw new LabConnectionException("cannot start the " + name + " " + command.command(), e);
    }
  }

  /**
   * Appends {@code PID name} to {@code <dir>/pids}: if the lab itself is killed hard (SIGKILL), its
   * children outlive it, and that file says by PID what to stop.
   */
  private static void recordPid(Path dir, long pid, String name) {
    try {
      java.nio.file.Files.writeString(
          dir.resolve("pids"),
          pid + " " + name + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // only a help for a hand clean-up
    }
  }

  /**
   * A process the lab started through another one (a daemon whose PID a pid file in the lab's own
   * directory holds), only if that PID still runs {@code program}: a PID left in a stale pid file
   * may belong to someone else by now.
   */
  static ChildProcess adopt(String name, long pid, String program, Path log) {
    ProcessHandle handle =
        ProcessHandle.of(pid)
            .filter(h -> h.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
            .orElseThrow(
                () ->
                    new LabConnectionException(
                        "the " + name + " (pid " + pid + ", " + program + ") is gone"));
    return new ChildProcess(name, null, handle, log);
  }

  /** Runs {@code command} to the end; a non-zero status throws with the end of its output. */
  static void run(String name, List<String> command, Path dir, Path log, Duration limit) {
    ChildProcess p = start(name, new ProcessBuilder(command), dir, log);
    if (!p.waitFor(limit)) {
      p.kill();
      throw new LabConnectionException(
          name + " did not finish within " + limit.toSeconds() + " s: " + command);
    }
    int status = p.exitStatus();
    if (status != 0) {
      throw new LabConnectionException(
          name
              + " failed with status "
              + status
              + " ("
              + String.join(" ", command)
              + "); end of "
              + log
              + ":\n"
              + Logs.tail(log, 20));
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return handle.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return handle.isAlive();
  }

  /** The exit status of a process the lab started directly; -1 for an adopted one. */
  int exitStatus() {
    return process == null || process.isAlive() ? -1 : process.exitValue();
  }

  boolean waitFor(Duration limit) {
    try {
      handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  /**
   * SIGTERM, then SIGKILL if it has not exited after {@code grace}.
   *
   * @return false when it had to be killed
   */
  public boolean stop(Duration grace) {
    if (!handle.isAlive()) {
      return true;
    }
    handle.destroy();
    if (waitFor(grace)) {
      return true;
    }
    kill();
    return false;
  }

  /** SIGKILL ({@code kill -9}), and wait until it is gone. */
  public void kill() {
    if (handle.isAlive()) {
      handle.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
