package com.oncepay.platform;

import java.nio.file.Path;

/** Starts the embedded server in its own JVM, so a test can kill -9 that JVM like a crash. */
public final class EmbeddedPostgresChild {

  private EmbeddedPostgresChild() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
    System.out.println("ready " + server.jdbcUrl());
    System.out.flush();
    // Parked until killed: the test ends this JVM with SIGKILL, never normally.
    Thread.currentThread().join();
  }
}
