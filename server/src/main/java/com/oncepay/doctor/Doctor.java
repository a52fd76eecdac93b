package com.oncepay.doctor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code oncepay doctor [--target URL] [--json]}: checks a live deployment for race and overload
 * hazards. Plain Java, JDBC and picocli: no Spring application context is started, only Spring
 * Boot's binder to read the settings exactly as serve does.
 */
public final class Doctor {

  private Doctor() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs doctor and returns its exit status: 0 nothing FAILs, 1 something FAILs, 2 usage error. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    quietLogging();
    return run(args, out, err, System.getenv(), Thresholds.DEFAULTS);
  }

  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Thresholds thresholds) {
    String[] rest =
        args.length > 0 && args[0].equals("doctor")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    CommandLine cli = new CommandLine(new DoctorCommand(out, env, thresholds));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (e, given) -> {
          err.println("oncepay doctor: " + e.getMessage());
          err.println("Try 'oncepay doctor --help' for the options.");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("oncepay doctor: " + e);
          e.printStackTrace(err);
          return 2;
        });
    int status = cli.execute(rest);
    out.flush();
    err.flush();
    return status;
  }

  /**
   * The drivers (Lettuce, Netty, pgjdbc) log through SLF4J; unconfigured, logback prints their
   * debug lines to standard output, in the middle of the table or the JSON. Warnings only, and on
   * standard error.
   */
  private static void quietLogging() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("oncepay doctor: %level %logger{30}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
  }
}
