package com.oncepay.outbox;

/** Runs jobs of one kind. Must be idempotent: a job may run more than once (lease takeover). */
public interface JobHandler {

  JobKind kind();

  JobOutcome handle(Job job);
}
