package com.oncepay.persistence;

/**
 * What a guarded write's row count means: 0 = another request won the race, 1 = this one won, more
 * = a bug (the WHERE clause matched rows it must not), which throws rather than go unnoticed.
 */
public final class RowCounts {

  private RowCounts() {}

  /** Whether the write won; throws on more than one row. */
  public static boolean atMostOne(int rows, String what) {
    if (rows > 1) {
      throw new IllegalStateException(rows + " rows changed for " + what + ", expected at most 1");
    }
    return rows == 1;
  }

  /** The write must have changed exactly one row: anything else means state moved under us. */
  public static void exactlyOne(int rows, String what) {
    if (rows != 1) {
      throw new IllegalStateException(what + " changed under its holder (" + rows + " rows)");
    }
  }
}
