package com.oncepay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: every SQL statement that reads or writes a table is in that table's one
 * repository, so a table's guards, indexes and lock order can be read in one file. Checked on the
 * sources, since SQL is text to the compiler.
 */
class TableOwnershipTest {

  private static final Map<String, String> OWNERS =
      Map.ofEntries(
          Map.entry("merchants", "merchant/MerchantRepository.java"),
          Map.entry("api_keys", "merchant/MerchantRepository.java"),
          Map.entry("audit_log", "audit/AuditLog.java"),
          Map.entry("orders", "order/store/OrderRepository.java"),
          Map.entry("payments", "payment/store/PaymentRepository.java"),
          Map.entry("payment_operations", "payment/store/OperationRepository.java"),
          Map.entry("idempotency_keys", "idempotency/IdempotencyStore.java"),
          Map.entry("outbox", "outbox/OutboxRepository.java"),
          Map.entry("domain_events", "merchantevents/EventStore.java"),
          Map.entry("webhook_endpoints", "merchantevents/WebhookEndpointRepository.java"),
          Map.entry("webhook_deliveries", "merchantevents/DeliveryLog.java"),
          Map.entry("gateway_events", "gatewayevents/GatewayEventRepository.java"),
          Map.entry("instances", "liveness/InstanceRepository.java"));

  private static final Path MAIN = Path.of("src", "main", "java", "com", "oncepay");

  /**
   * {@code oncepay doctor} inspects a deployment from outside, without the service's repositories
   * (it runs without the application): it may read any table, and its probes (the classes that talk
   * to the servers) must never write one. Its rules only quote SQL to operators as fixes.
   */
  private static final Path DOCTOR = MAIN.resolve("doctor");

  @Test
  void eachTableIsQueriedFromItsRepositoryOnly() throws IOException {
    Map<String, Set<String>> users = new TreeMap<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source);
      if (source.startsWith(DOCTOR)) {
        if (source.getFileName().toString().endsWith("Probe.java")) {
          assertThat(writes(text)).as("%s writes to the database", source).isFalse();
        }
        continue;
      }
      String name = MAIN.relativize(source).toString();
      for (String table : OWNERS.keySet()) {
        if (touches(text, table)) {
          users.computeIfAbsent(table, t -> new TreeSet<>()).add(name);
        }
      }
    }
    for (var owner : OWNERS.entrySet()) {
      assertThat(users.getOrDefault(owner.getKey(), Set.of()))
          .as("files with SQL on table %s", owner.getKey())
          .containsExactly(owner.getValue());
    }
  }

  private static boolean writes(String source) {
    return Pattern.compile("(?i)\\b(insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from)\\b")
        .matcher(source)
        .find();
  }

  /** FROM, JOIN, INTO, UPDATE or DELETE FROM the table, as a whole word, in any case. */
  private static boolean touches(String source, String table) {
    return Pattern.compile(
            "(?i)\\b(from|join|into|update|table)\\s+" + Pattern.quote(table) + "\\b")
        .matcher(source)
        .find();
  }
}
