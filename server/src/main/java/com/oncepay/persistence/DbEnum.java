package com.oncepay.persistence;

import java.util.Locale;

/**
 * An enum stored as its lower-case name ({@code PAYMENT_PROCESSING} is {@code
 * 'payment_processing'}): the spelling of the status columns and of their CHECK constraints.
 */
public interface DbEnum {

  String name();

  default String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E> & DbEnum> E fromDb(Class<E> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }
}
