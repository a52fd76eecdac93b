package com.oncepay.doctor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One run of doctor with a given environment, its exit status and its findings by name. */
record DoctorRun(
    int exitStatus, String out, String err, Map<String, Finding> findings, boolean ok) {

  static DoctorRun json(Map<String, String> env, String... args) {
    return json(env, Thresholds.DEFAULTS, args);
  }

  static DoctorRun json(Map<String, String> env, Thresholds thresholds, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--json";
    System.arraycopy(args, 0, all, 1, args.length);
    DoctorRun raw = raw(env, thresholds, all);
    Map<String, Finding> findings = new LinkedHashMap<>();
    JsonNode document = JsonMapper.builder().build().readTree(raw.out());
    for (JsonNode check : document.path("checks")) {
      findings.put(
          check.path("name").asString(),
          new Finding(
              check.path("name").asString(),
              Finding.Status.valueOf(check.path("status").asString()),
              check.path("finding").asString(),
              check.path("fix").asString()));
    }
    return new DoctorRun(
        raw.exitStatus(), raw.out(), raw.err(), findings, document.path("ok").asBoolean());
  }

  static DoctorRun raw(Map<String, String> env, Thresholds thresholds, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Doctor.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            thresholds);
    return new DoctorRun(
        status,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        Map.of(),
        status == 0);
  }

  /** An environment: the pairs given, nothing inherited from the test's own. */
  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  Finding get(String name) {
    Finding finding = findings.get(name);
    if (finding == null) {
      throw new AssertionError("no check " + name + " in " + out);
    }
    return finding;
  }

  List<Finding> notOk() {
    return findings.values().stream().filter(f -> f.status() != Finding.Status.OK).toList();
  }
}
