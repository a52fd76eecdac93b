package com.oncepay.outbox;

import com.oncepay.logging.LogContext;

/** Runs jobs of one kind. Must be idempotent: a job may run more than once (lease takeover). */
public interface JobHandler {

  JobKind kind();

  JobOutcome handle(Job job);

  /**
   * Opens the log context of what this job's {@code ref} names (an operation, an event), so that
   * every line of the job carries it; the worker opens it on the job's thread and closes it after.
   */
  default LogContext.Scope logContext(Job job) {
    return LogContext.none();
  }
}
