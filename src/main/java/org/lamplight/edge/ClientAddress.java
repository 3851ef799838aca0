package org.lamplight.edge;

import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;

/**
 * Where an HTTP request comes from, for limits per address. Normally the connection's peer. When
 * the peer is one of the reverse proxies named in {@code proxy.trusted}, the client is the last
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the
 * address it got the request from; anything to the left of that the client may have forged). From
 * any other peer the header is ignored, so a client cannot choose its own address.
 */
public final class ClientAddress {

  private final Set<String> trusted;

  public ClientAddress(Config config) {
    this.trusted = Arrays.stream(config.get(Keys.PROXY_TRUSTED).split(",")).map(String::trim).filter(a -> !a.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public String of(HttpServerRequest request) {
    String peer = request.remoteAddress().hostAddress();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !trusted.contains(peer)) {
      return peer;
    }
    List<String> hops = Arrays.stream(forwarded.split(",")).map(String::trim).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!hops.get(i).isEmpty() && !trusted.contains(hops.get(i))) {
        return hops.get(i);
      }
    }
    return peer;
  }
}
