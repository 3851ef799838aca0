package org.lamplight.edge;

import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.Map;

/**
 * How many connections one listener holds open, in all and per remote address. A listener below
 * the process's file limit cannot starve the others however hard it is flooded, and one address
 * cannot take a listener's whole share. Thread-safe: the MQTT verticle instances share one.
 */
public final class ConnectionLimits implements Shareable {

  /** What a new connection gets. */
  public enum Admission {
    ADMITTED,
    OVER_ADDRESS_LIMIT,
    OVER_LISTENER_LIMIT;

    /** The metrics label of a refusal. */
    public String reason() {
      return this == OVER_ADDRESS_LIMIT ? "address_limit" : "listener_limit";
    }
  }

  private final int max;
  private final int perAddress;
  private int open;
  /** Bounded by {@code max}: an address is only here while it holds a connection. */
  private final Map<String, Integer> byAddress = new HashMap<>();

  public ConnectionLimits(int max, int perAddress) {
    if (max < 1 || perAddress < 1) {
      throw new IllegalArgumentException("connection limits must be positive: " + max + ", " + perAddress);
    }
    this.max = max;
    this.perAddress = perAddress;
  }

  /** Counts the connection when admitted; a refused one is not counted and must be closed. */
  public synchronized Admission admit(String address) {
    if (open >= max) {
      return Admission.OVER_LISTENER_LIMIT;
    }
    int held = byAddress.getOrDefault(address, 0);
    if (held >= perAddress) {
      return Admission.OVER_ADDRESS_LIMIT;
    }
    byAddress.put(address, held + 1);
    open++;
    return Admission.ADMITTED;
  }

  /** An admitted connection closed. */
  public synchronized void release(String address) {
    Integer held = byAddress.get(address);
    if (held == null) {
      return;
    }
    if (held == 1) {
      byAddress.remove(address);
    } else {
      byAddress.put(address, held - 1);
    }
    open--;
  }

  public synchronized int open() {
    return open;
  }
}
