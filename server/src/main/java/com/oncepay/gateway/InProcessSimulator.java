package com.oncepay.gateway;

import com.oncepay.sim.GatewaySimulator;

/** The simulator this process started, if any; stopped with the application. */
public record InProcessSimulator(GatewaySimulator simulator) implements AutoCloseable {

  public boolean running() {
    return simulator != null;
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
