package com.oncepay.lab;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * The race lab's entry point: {@code java -jar oncepay-lab.jar race --scenario …}, also accepted
 * without the {@code race} word, which is how {@code ./oncepay race …} hands its arguments over.
 */
public final class RaceLab {

  private RaceLab() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the lab and returns its exit status: 0 invariants held, 1 anomalies, 2 error. */
  static int run(String[] args) {
    return run(args, System.out, System.err, System.getenv());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    String[] rest =
        args.length > 0 && args[0].equals("race") ? Arrays.copyOfRange(args, 1, args.length) : args;
    CommandLine cli = new CommandLine(new RaceCommand(out, err, env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, given) -> {
          err.println("oncepay race: " + e.getMessage());
          err.println("Try 'oncepay race --help' for the options.");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("oncepay race: " + e);
          e.printStackTrace(err);
          return 2;
        });
    int status = cli.execute(rest);
    out.flush();
    err.flush();
    return status;
  }
}
