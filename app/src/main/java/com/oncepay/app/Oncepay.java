package com.oncepay.app;

import com.oncepay.OncepayApplication;
import com.oncepay.doctor.Doctor;
import com.oncepay.sim.GatewaySimulatorMain;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/** The {@code ./oncepay} entry point: one jar, one subcommand per role. */
public final class Oncepay {

  private Oncepay() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "serve" ->
          SpringApplication.run(
              new Class<?>[] {OncepayApplication.class, InProcessSimulator.class}, rest);
      case "gateway-sim" -> GatewaySimulatorMain.main(rest);
      case "doctor" -> System.exit(Doctor.run(rest, System.out, System.err));
      case "help", "--help", "-h" -> usage(0);
      default -> {
        System.err.println("unknown command: " + command);
        usage(2);
      }
    }
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
