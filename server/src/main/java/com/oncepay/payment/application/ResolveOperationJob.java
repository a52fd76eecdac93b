package com.oncepay.payment.application;

import com.oncepay.logging.LogContext;
import com.oncepay.outbox.Job;
import com.oncepay.outbox.JobHandler;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.JobOutcome;
import com.oncepay.payment.model.OperationId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Runs a queued gateway operation: an async payment's first call, or the resolution of one whose
 * outcome is unknown. The executor re-reads the operation first, so a job for an operation that
 * settled meanwhile (a webhook, a retry with the same key) does nothing.
 */
@Component
class ResolveOperationJob implements JobHandler {

  private final ExecuteOperation executor;

  ResolveOperationJob(ExecuteOperation executor) {
    this.executor = executor;
  }

  @Override
  public JobKind kind() {
    return JobKind.OPERATION;
  }

  @Override
  public LogContext.Scope logContext(Job job) {
    return LogContext.with(LogContext.OPERATION_ID, new OperationId(job.ref()));
  }

  @Override
  public JobOutcome handle(Job job) {
    OperationId id = new OperationId(job.ref());
    // The run's own result says how the operation stands: no read before it to see that the
    // operation exists, none after it for its status.
    Optional<ExecuteOperation.Execution> run = executor.executeQueued(id);
    if (run.isEmpty()) {
      return new JobOutcome.GiveUp("no operation " + id);
    }
    PaymentOutcome.Ran ran = run.get().outcome();
    return ran.settled()
        ? new JobOutcome.Done()
        : new JobOutcome.RetryLater("outcome still " + ran.operation().status().dbName());
  }
}
