package com.oncepay.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading {@code timestamptz} columns in UTC, so values render the same whatever the session. */
public final class Timestamps {

  private Timestamps() {}

  public static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
