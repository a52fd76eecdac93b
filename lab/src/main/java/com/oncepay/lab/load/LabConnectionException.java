package com.oncepay.lab.load;

/** The service or the simulator could not be reached or refused us: exit status 2. */
public final class LabConnectionException extends RuntimeException {
  public LabConnectionException(String message) {
    super(message);
  }

  public LabConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
