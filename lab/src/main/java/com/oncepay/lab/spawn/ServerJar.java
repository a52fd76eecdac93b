package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server jar ({@code oncepay.jar}: {@code serve} and {@code gateway-sim}) and the deploy files
 * beside it. The lab runs a <em>copy</em> of the jar from the run's directory: a rebuild of the
 * shared jar while the children run would break their lazy class loading (NoClassDefFoundError
 * mid-run, then a hung server).
 */
public record ServerJar(Path java, Path jar) {

  public static final String SERVER_JAR_PROPERTY = "oncepay.server.jar";
  public static final String DEFAULT_SERVER_JAR = "app/target/oncepay.jar";
  public static final String DEPLOY_DIR_PROPERTY = "oncepay.deploy.dir";

  /** The configured jar, copied into {@code dir}. */
  public static ServerJar copyInto(Path dir) {
    Path jar = requireBuilt();
    Path copy = dir.resolve("oncepay.jar");
    try {
      Files.copy(jar, copy);
    } catch (IOException e) {
      throw new LabConnectionException("cannot copy " + jar + " to " + copy + ": " + e, e);
    }
    return new ServerJar(Path.of(System.getProperty("java.home"), "bin", "java"), copy);
  }

  /** The configured jar; a missing one is an error that says how to build it. */
  public static Path requireBuilt() {
    Path jar = configured();
    if (!Files.isRegularFile(jar)) {
      throw new LabConnectionException(
          "--spawn needs the server jar, not found at "
              + jar.toAbsolutePath()
              + "; build it with ./mvnw -pl app -am package -DskipTests, or pass -D"
              + SERVER_JAR_PROPERTY
              + "=PATH");
    }
    return jar;
  }

  static Path configured() {
    return Path.of(System.getProperty(SERVER_JAR_PROPERTY, DEFAULT_SERVER_JAR));
  }

  /**
   * The repository's {@code deploy/} directory: {@code -Doncepay.deploy.dir}, else the one beside
   * the server jar's module ({@code <repo>/app/target/oncepay.jar} → {@code <repo>/deploy}), else
   * {@code ./deploy}.
   */
  public static Path deployDir() {
    String configured = System.getProperty(DEPLOY_DIR_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    Path jar = configured().toAbsolutePath().normalize();
    Path repo = jar.getParent() == null ? null : jar.getParent().getParent();
    repo = repo == null ? null : repo.getParent();
    if (repo != null && Files.isDirectory(repo.resolve("deploy/haproxy"))) {
      return repo.resolve("deploy");
    }
    return Path.of("deploy").toAbsolutePath();
  }

  /** {@code java -jar <copy> <args…>}. */
  public ProcessBuilder command(String... args) {
    return command(List.of(), args);
  }

  /** {@code java <jvmOptions…> -jar <copy> <args…>}, such as {@code -Xmx512m} for a server. */
  public ProcessBuilder command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
