package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.lamplight.config.Config;

/** The Hazelcast configuration a clustered node starts with. */
class HazelcastConfigTest {

  /** Hazelcast logs through java.util.logging until a member starts with its own setting. */
  @Test
  void buildingItWarnsOfNothing() {
    Logger hazelcast = Logger.getLogger("com.hazelcast");
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(r.getLoggerName() + ": " + r.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    hazelcast.addHandler(handler);
    try {
      Cluster.hazelcastConfig(Config.defaults());
    } finally {
      hazelcast.removeHandler(handler);
    }
    assertThat(warnings).isEmpty();
  }
}
