package com.oncepay.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's memory across restarts, as a real gateway has: every applied change to the ledger
 * (a charge created, captured, voided, refunded, settled) is appended as one JSON line before its
 * answer is sent, and replayed at start-up to rebuild the ledger and the idempotency records. Each
 * line is written with one {@code write} to the file, so a {@code kill -9} loses at most a change
 * whose answer was never sent; it is not forced to disk, so a power cut may lose more (a simulator,
 * not a bank).
 */
final class Journal implements AutoCloseable {

  static final String FILE = "journal.jsonl";

  private final FileChannel file;
  private final List<JsonNode> recovered;
  private volatile boolean replaying;

  private Journal(FileChannel file, List<JsonNode> recovered) {
    this.file = file;
    this.recovered = recovered;
  }

  /** State in memory only: lost on exit. */
  static Journal none() {
    return new Journal(null, List.of());
  }

  /** Opens (or creates) the journal in {@code directory} and reads what it already holds. */
  static Journal open(Path directory) {
    try {
      Files.createDirectories(directory);
      Path path = directory.resolve(FILE);
      List<JsonNode> entries = new ArrayList<>();
      if (Files.exists(path)) {
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            try {
              entries.add(Json.MAPPER.readTree(line));
            } catch (tools.jackson.core.JacksonException torn) {
              // The last line of a process killed mid-write: its answer was never sent.
              break;
            }
          }
        }
      }
      FileChannel channel =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new Journal(channel, List.copyOf(entries));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the simulator journal in " + directory, e);
    }
  }

  boolean durable() {
    return file != null;
  }

  /** What the journal held when it was opened, oldest first. */
  List<JsonNode> recovered() {
    return recovered;
  }

  /** While the recovered entries are applied again, they are not appended a second time. */
  void replaying(boolean on) {
    replaying = on;
  }

  synchronized void append(ObjectNode entry) {
    if (file == null || replaying) {
      return;
    }
    byte[] line = (entry.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        file.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the simulator journal", e);
    }
  }

  /** A reset forgets everything, on disk too. */
  synchronized void truncate() {
    if (file == null) {
      return;
    }
    try {
      file.truncate(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the simulator journal", e);
    }
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // closing on shutdown: nothing left to lose
      }
    }
  }
}
