package com.oncepay.doctor;

import java.time.Duration;

/**
 * The limits the checks judge by. Fixed for users (docs/doctor.md lists them); tests lower the
 * time-based ones so that a real condition can be provoked without waiting for minutes.
 */
record Thresholds(
    Duration longTransactionWarn,
    Duration longTransactionFail,
    Duration unsettledOperationWarn,
    Duration unsettledOperationFail,
    int unsettledOperationFailCount,
    long deadTuplesMin,
    double deadTupleRatio,
    double connectionsNear,
    long heapMinBytes,
    Duration clockSkewWarn,
    Duration clockSkewFail,
    Duration flaggedWindow) {

  static final Thresholds DEFAULTS =
      new Thresholds(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofSeconds(60),
          // The operation retry ladder (1 s doubling to 30 s, 40 tries) gives up after about
          // 20 minutes; an operation unresolved for an hour is no longer being worked on.
          Duration.ofHours(1),
          100,
          1_000,
          0.2,
          0.8,
          256L * 1024 * 1024,
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofDays(7));

  Thresholds withLongTransactions(Duration warn, Duration fail) {
    return new Thresholds(
        warn,
        fail,
        unsettledOperationWarn,
        unsettledOperationFail,
        unsettledOperationFailCount,
        deadTuplesMin,
        deadTupleRatio,
        connectionsNear,
        heapMinBytes,
        clockSkewWarn,
        clockSkewFail,
        flaggedWindow);
  }
}
