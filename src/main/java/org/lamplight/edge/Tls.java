package org.lamplight.edge;

import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Key;
import org.lamplight.config.Keys;

/**
 * The certificate every TLS listener serves: HTTPS (console, REST API, WebSocket), MQTT over TLS
 * and OsmAnd over HTTPS, each on its own port ({@code http.tls.port}, {@code mqtt.tls.port},
 * {@code osmand.tls.port}) beside its plain one. Both {@code tls.cert} and {@code tls.key} empty:
 * no TLS listener opens. One without the other, or a file that cannot be read, stops start-up
 * with one line naming the key.
 */
public final class Tls {

  private Tls() {
  }

  public static Optional<PemKeyCertOptions> of(Config config) {
    String cert = config.get(Keys.TLS_CERT);
    String key = config.get(Keys.TLS_KEY);
    if (cert.isBlank() && key.isBlank()) {
      return Optional.empty();
    }
    if (cert.isBlank() || key.isBlank()) {
      throw new ConfigException("tls.cert and tls.key go together: set both (" + Keys.TLS_CERT.envName() + ", "
          + Keys.TLS_KEY.envName() + ") or neither");
    }
    return Optional.of(new PemKeyCertOptions().setCertPath(readable(Keys.TLS_CERT, cert)).setKeyPath(readable(Keys.TLS_KEY, key)));
  }

  private static String readable(Key<String> key, String file) {
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(key.name() + " '" + file + "' cannot be read; set " + key.envName()
          + " to a PEM file this process may read");
    }
    return file;
  }
}
