package org.lamplight.console;

import java.util.Set;
import org.lamplight.auth.Tokens.Principal;

/**
 * Which units a console is shown: consoles with equal audiences are sent the very same messages,
 * so a tick's message is encoded once per audience. County-wide accounts share one audience; a
 * station account's is its set of stations (in any order).
 */
record Audience(boolean countyWide, Set<String> stations) {

  static Audience of(Principal principal) {
    return principal.countyWide() ? new Audience(true, Set.of()) : new Audience(false, Set.copyOf(principal.stationIds()));
  }

  boolean sees(String stationId) {
    return countyWide || stations.contains(stationId);
  }
}
