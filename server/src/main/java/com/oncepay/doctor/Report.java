package com.oncepay.doctor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The findings as a table for people or as JSON for scripts, and the run's overall verdict. */
record Report(List<Finding> findings) {

  private static final int FINDING_WIDTH = 60;
  private static final int FIX_WIDTH = 50;

  Report {
    findings = List.copyOf(findings);
  }

  boolean ok() {
    return findings.stream().noneMatch(f -> f.status() == Finding.Status.FAIL);
  }

  /** {"checks":[{"name","status","finding","fix"}],"ok":bool}; records keep that key order. */
  void printJson(PrintStream out) {
    List<Check> checks =
        findings.stream()
            .map(f -> new Check(f.name(), f.status().name(), f.finding(), f.fix()))
            .toList();
    out.println(
        JsonMapper.builder()
            .build()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(new Document(checks, ok())));
  }

  private record Document(List<Check> checks, boolean ok) {}

  private record Check(String name, String status, String finding, String fix) {}

  /** Status and name in columns; finding and fix wrapped in theirs, so a long one stays legible. */
  void printTable(PrintStream out) {
    int nameWidth = Math.max(5, findings.stream().mapToInt(f -> f.name().length()).max().orElse(5));
    String row = "%-6s %-" + nameWidth + "s  %-" + FINDING_WIDTH + "s  %s";
    out.println(String.format(row, "STATUS", "CHECK", "FINDING", "FIX").stripTrailing());
    for (Finding f : findings) {
      List<String> finding = wrap(f.finding(), FINDING_WIDTH);
      List<String> fix = wrap(f.fix().isEmpty() ? "-" : f.fix(), FIX_WIDTH);
      for (int i = 0; i < Math.max(finding.size(), fix.size()); i++) {
        out.println(
            String.format(
                    row,
                    i == 0 ? f.status().name() : "",
                    i == 0 ? f.name() : "",
                    i < finding.size() ? finding.get(i) : "",
                    i < fix.size() ? fix.get(i) : "")
                .stripTrailing());
      }
    }
    long warn = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
    long fail = findings.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
    out.printf(
        "%n%d checks: %d OK, %d WARN, %d FAIL%n",
        findings.size(), findings.size() - warn - fail, warn, fail);
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
