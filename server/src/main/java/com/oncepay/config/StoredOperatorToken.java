package com.oncepay.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The operator token of a zero-configuration {@code ./oncepay serve}: without
 * ONCEPAY_OPERATOR_TOKEN, serve generates one once and keeps it in {@code
 * $ONCEPAY_HOME/operator-token} (owner-only), as it keeps the API key; {@code oncepay doctor} with
 * the same home reads it there to see the instance's metrics. Never printed or logged.
 */
public final class StoredOperatorToken {

  static final String FILE = "operator-token";

  private StoredOperatorToken() {}

  public static Optional<String> read(Path home) {
    Path file = home.resolve(FILE);
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).strip()).filter(t -> !t.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static String readOrCreate(Path home) {
    return read(home)
        .orElseGet(
            () -> {
              byte[] bytes = new byte[32];
              new SecureRandom().nextBytes(bytes);
              String token = HexFormat.of().formatHex(bytes);
              try {
                Files.createDirectories(home);
                Path file = home.resolve(FILE);
                Files.writeString(file, token + "\n");
                try {
                  Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                  // best effort on non-POSIX file systems
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return token;
            });
  }
}
