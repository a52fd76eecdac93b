package com.oncepay.app;

import com.oncepay.OncepayApplication;
import com.oncepay.config.StoredOperatorToken;
import com.oncepay.doctor.Doctor;
import com.oncepay.sim.GatewaySimulatorMain;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/** The {@code ./oncepay} entry point: one jar, one subcommand per role. */
public final class Oncepay {

  private Oncepay() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "serve" -> {
        operatorTokenUnlessSet(rest);
        SpringApplication.run(
            new Class<?>[] {OncepayApplication.class, InProcessSimulator.class}, rest);
      }
      case "gateway-sim" -> GatewaySimulatorMain.main(rest);
      case "doctor" -> System.exit(Doctor.run(rest, System.out, System.err));
      case "help", "--help", "-h" -> usage(0);
      default -> {
        System.err.println("unknown command: " + command);
        usage(2);
      }
    }
  }

  /**
   * Without ONCEPAY_OPERATOR_TOKEN, serve keeps one of its own in its home (as it keeps the API
   * key), so metrics and the operator API are reachable, and doctor can read them, with nothing
   * configured. Set as a system property: an argument would show in ps.
   */
  private static void operatorTokenUnlessSet(String[] args) {
    boolean given =
        notBlank(System.getenv("ONCEPAY_OPERATOR_TOKEN"))
            || notBlank(System.getProperty("oncepay.operator.token"))
            || Arrays.stream(args).anyMatch(a -> a.startsWith("--oncepay.operator.token="));
    if (given) {
      return;
    }
    String home =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--oncepay.home="))
            .map(a -> a.substring("--oncepay.home=".length()))
            .findFirst()
            .orElse(
                notBlank(System.getenv("ONCEPAY_HOME"))
                    ? System.getenv("ONCEPAY_HOME")
                    : ".oncepay");
    System.setProperty("oncepay.operator.token", StoredOperatorToken.readOrCreate(Path.of(home)));
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static void usage(int status) {
    System.out.println(
        """
        usage: oncepay <command> [options]

          serve                      the payment service (configured by ONCEPAY_* variables)
          gateway-sim --port P       the gateway simulator as its own process
          doctor [--target URL] [--json]
                                     checks the deployment for race and overload hazards
        """);
    System.exit(status);
  }
}
