package com.oncepay.persistence;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures mean "the database is busy or briefly gone, try again" rather than "a bug": they
 * are answered 503 + Retry-After, and the client retries with the same Idempotency-Key (safe even
 * when a commit's outcome is unknown: the key then holds the first attempt, which a retry resumes).
 *
 * <p>Spring does not categorise every PostgreSQL state (a lock timeout, 55P03, arrives as an
 * uncategorized exception), and a connection that dies mid-transaction surfaces as a failed
 * rollback; so the cause chain is read down to the SQLSTATE.
 */
public final class TransientFailures {

  private TransientFailures() {}

  public static boolean isTransient(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = next(t)) {
      if (t instanceof CannotGetJdbcConnectionException
          || t instanceof CannotCreateTransactionException
          || t instanceof PessimisticLockingFailureException
          || t instanceof QueryTimeoutException
          || t instanceof TransientDataAccessException) {
        return true;
      }
      if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
        // The commit or the rollback failed on the connection itself: it broke mid-transaction.
        // Nothing is left half-done (an unfinished transaction dies with its connection), and a
        // commit whose outcome is unknown is exactly what a retry with the same key resolves.
        return true;
      }
    }
    return false;
  }

  /** The cause, or what the application was doing when a rollback failed. */
  private static Throwable next(Throwable t) {
    if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
      // Both the original failure and the failed rollback say something; the first decides.
      Throwable original = tx.getApplicationException();
      return isTransient(original) ? original : tx.getCause();
    }
    return t.getCause();
  }

  /**
   * SQLSTATE classes and codes that a retry can outlive: 08 connection exceptions, 40 transaction
   * rollback (serialization failure, deadlock), 53 insufficient resources (too many connections),
   * 55P03 lock not available (lock_timeout), 57 operator intervention (statement_timeout 57014,
   * administrator shutdown 57P01, crash 57P02, cannot connect now 57P03).
   */
  static boolean transientState(String state) {
    if (state == null || state.length() != 5) {
      return false;
    }
    String kind = state.substring(0, 2);
    return kind.equals("08")
        || kind.equals("40")
        || kind.equals("53")
        || kind.equals("57")
        || state.equals("55P03");
  }
}
