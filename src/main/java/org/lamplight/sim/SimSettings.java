package org.lamplight.sim;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What to simulate and against which server, from command-line options and the environment. */
record SimSettings(URI http, String mqttHost, int mqttPort, String adminPassword, Path credentials, int devices,
                   long intervalMs, long durationMs, double accept, double silent, long replyDelayMinMs,
                   long replyDelayMaxMs, double incidentsPerHour, double ledgerPerHour, int backfillDays, long seed) {

  static final String USAGE = """
      usage: scripts/simulate [options]
        --http URL                 Lamplight HTTP API (default http://localhost:8080)
        --mqtt URL                 Lamplight MQTT endpoint (default tcp://localhost:1883)
        --admin-password PW        admin password (default: $LAMPLIGHT_ADMIN_PASSWORD)
        --credentials FILE         device_id,unit_id,secret lines (default data/demo-devices.csv)
        --devices N                simulate the first N devices of the file (default: all)
        --interval DURATION        position ping interval per device (default 5s)
        --duration DURATION        stop after this long (default 10m)
        --accept P                 probability that an offer is accepted (default 0.8)
        --silent P                 probability that an offer is never answered (default 0.1); the rest are declined
        --reply-delay MIN-MAX      how long an officer takes to answer an offer (default 2s-15s)
        --incidents-per-hour R     create fire/traffic/security incidents at random places, Poisson (default 0)
        --ledger-per-hour R        work ledger entries each unit files an hour on duty, from a village (default 0.7)
        --backfill DAYS            first write DAYS days of simulated history, ledger and inspections (admin
                                   history import), then recompute their coverage; skipped when those days
                                   already have coverage (default 0)
        --seed N                   random seed; the same seed repeats the same choices (default: random)
      Durations take ms, s, m, h: 500ms, 5s, 10m, 2h.""";

  private static final Set<String> OPTIONS = Set.of("http", "mqtt", "admin-password", "credentials", "devices", "interval",
      "duration", "accept", "silent", "reply-delay", "incidents-per-hour", "ledger-per-hour", "backfill", "seed");

  /** Parses {@code --name value} or {@code --name=value}; throws IllegalArgumentException naming what is wrong. */
  static SimSettings parse(String[] args, Map<String, String> env) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      o.put(name, value);
    }
    URI mqtt = URI.create(o.getOrDefault("mqtt", "tcp://localhost:1883"));
    if (!"tcp".equals(mqtt.getScheme()) || mqtt.getHost() == null || mqtt.getPort() < 0) {
      throw new IllegalArgumentException("--mqtt must look like tcp://host:port, got " + mqtt);
    }
    String password = o.getOrDefault("admin-password", env.getOrDefault("LAMPLIGHT_ADMIN_PASSWORD", ""));
    if (password.isBlank()) {
      throw new IllegalArgumentException("the admin password is needed: --admin-password or LAMPLIGHT_ADMIN_PASSWORD");
    }
    String[] delay = o.getOrDefault("reply-delay", "2s-15s").split("-", 2);
    if (delay.length != 2) {
      throw new IllegalArgumentException("--reply-delay must look like 2s-15s");
    }
    SimSettings s = new SimSettings(URI.create(o.getOrDefault("http", "http://localhost:8080")), mqtt.getHost(),
        mqtt.getPort(), password, Path.of(o.getOrDefault("credentials", "data/demo-devices.csv")),
        Integer.parseInt(o.getOrDefault("devices", "0")), durationMs(o.getOrDefault("interval", "5s")),
        durationMs(o.getOrDefault("duration", "10m")), Double.parseDouble(o.getOrDefault("accept", "0.8")),
        Double.parseDouble(o.getOrDefault("silent", "0.1")), durationMs(delay[0]), durationMs(delay[1]),
        Double.parseDouble(o.getOrDefault("incidents-per-hour", "0")),
        Double.parseDouble(o.getOrDefault("ledger-per-hour", "0.7")), Integer.parseInt(o.getOrDefault("backfill", "0")),
        o.containsKey("seed") ? Long.parseLong(o.get("seed")) : System.nanoTime() % 1_000_000);
    s.policy(); // checks the probabilities and delays
    if (s.devices < 0 || s.intervalMs <= 0 || s.durationMs <= 0 || s.incidentsPerHour < 0 || !(s.ledgerPerHour > 0)
        || s.backfillDays < 0 || s.backfillDays > Backfill.MAX_DAYS) {
      throw new IllegalArgumentException("--devices, --incidents-per-hour must not be negative; --interval, --duration,"
          + " --ledger-per-hour must be positive; --backfill 0.." + Backfill.MAX_DAYS);
    }
    return s;
  }

  AnswerPolicy policy() {
    return new AnswerPolicy(accept, silent, replyDelayMinMs, replyDelayMaxMs);
  }

  /** {@code 500ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 1d}; a bare number is milliseconds. */
  static long durationMs(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
    for (String[] unit : units) {
      if (t.endsWith(unit[0])) { // "ms" is tried first, so "5ms" never reads as minutes or seconds
        return Math.round(Double.parseDouble(t.substring(0, t.length() - unit[0].length())) * Long.parseLong(unit[1]));
      }
    }
    return Long.parseLong(t);
  }
}
