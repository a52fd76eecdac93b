package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free ports on 127.0.0.1, each handed out once per run: the OS may offer a port again as soon as
 * the probing socket closes, and two of our children on one port would be a confusing failure.
 */
public final class Ports {

  private final Set<Integer> taken = new HashSet<>();

  public synchronized int next() {
    for (int tries = 0; tries < 100; tries++) {
      int port = probe();
      if (taken.add(port)) {
        return port;
      }
    }
    throw new LabConnectionException("no free local port after 100 tries");
  }

  private static int probe() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabConnectionException("no free local port: " + e, e);
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:port. */
  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
