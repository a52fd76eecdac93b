package com.oncepay.doctor;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code oncepay doctor}: the command line of CONTRACT.md plus {@code --pgbouncer-admin}. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    version = "oncepay doctor",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Checks the deployment configured by the ONCEPAY_* variables (its PostgreSQL, PgBouncer,",
      "Redis and RabbitMQ) and the running instance for race and overload hazards, and says how",
      "to fix each. Exit status: 0 nothing FAILs, 1 something FAILs, 2 usage error.",
    },
    footer = {"", "Every check and its rule: docs/doctor.md"})
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "URL",
      description = "The running instance; default: http://127.0.0.1:$ONCEPAY_PORT (8080).")
  String target;

  @Option(names = "--json", description = "Print a JSON document instead of the table.")
  boolean json;

  @Option(
      names = "--pgbouncer-admin",
      paramLabel = "JDBC_URL",
      description =
          "PgBouncer's admin console, when it is not the pgbouncer database at ONCEPAY_DB_URL's"
              + " host and port, e.g. jdbc:postgresql://10.0.0.5:6432/pgbouncer?user=stats.")
  String pgbouncerAdmin;

  private final PrintStream out;
  private final Map<String, String> env;
  private final Thresholds thresholds;

  DoctorCommand(PrintStream out, Map<String, String> env, Thresholds thresholds) {
    this.out = out;
    this.env = env;
    this.thresholds = thresholds;
  }

  @Override
  public Integer call() {
    Examination examination =
        new Examination(
            Settings.bind(env), target(), Optional.ofNullable(pgbouncerAdmin), thresholds);
    Report report = examination.run();
    if (json) {
      report.printJson(out);
    } else {
      out.println("oncepay doctor: " + examination.target());
      report.printTable(out);
    }
    return report.ok() ? 0 : 1;
  }

  private Optional<URI> target() {
    if (target == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(target);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(target, "not an http(s) URL with a host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--target " + target + ": " + e.getReason());
    }
  }
}
