package org.lamplight.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key Lamplight reads, with its type, default and meaning. {@code conf/lamplight.yaml}
 * holds the defaults for an installation; {@code LAMPLIGHT_<KEY>} environment variables override it.
 */
public final class Keys {

  private Keys() {
  }

  // --- HTTP (REST API, console, WebSocket feed)
  public static final Key<String> HTTP_HOST = Key.string("http.host", "0.0.0.0",
      "Address the HTTP API and console listen on.");
  public static final Key<Integer> HTTP_PORT = Key.integer("http.port", 8080,
      "Port of the HTTP API and console; 0 picks a free port.");
  public static final Key<Long> HTTP_IDLE_TIMEOUT = Key.duration("http.idle-timeout", 60_000,
      "An HTTP or WebSocket connection that carries nothing for this long is closed (the console pings every 20 s).");
  public static final Key<Long> HTTP_HEADER_TIMEOUT = Key.duration("http.header-timeout", 10_000,
      "A new HTTP connection that has not sent a complete request head within this is closed.");
  public static final Key<Integer> HTTP_MAX_CONNECTIONS = Key.integer("http.max-connections", 4_000,
      "Open connections the HTTP port accepts; more are closed at once and counted, so a flood cannot starve the other ports.");
  public static final Key<Integer> HTTP_MAX_CONNECTIONS_PER_ADDRESS = Key.integer("http.max-connections-per-address", 256,
      "Open connections the HTTP port accepts from one address (loopback included).");
  public static final Key<Integer> HTTP_TLS_PORT = Key.integer("http.tls.port", 8443,
      "Port of HTTPS (the console, the REST API, the WebSocket feed); only opened when tls.cert and tls.key are set.");

  // --- TLS, for every listener that offers it (HTTP, MQTT, OsmAnd)
  public static final Key<String> TLS_CERT = Key.string("tls.cert", "",
      "PEM certificate (chain) file for the TLS listeners: HTTPS, MQTT over TLS and OsmAnd over HTTPS.");
  public static final Key<String> TLS_KEY = Key.string("tls.key", "",
      "PEM private key file of tls.cert.");

  // --- Reverse proxies
  public static final Key<String> PROXY_TRUSTED = Key.string("proxy.trusted", "",
      "Comma-separated addresses of reverse proxies in front of the HTTP and OsmAnd ports; only from them is X-Forwarded-For believed, for the limits per address.");

  // --- MQTT device endpoint
  public static final Key<String> MQTT_HOST = Key.string("mqtt.host", "0.0.0.0",
      "Address the MQTT device endpoint listens on.");
  public static final Key<Integer> MQTT_PORT = Key.integer("mqtt.port", 1883,
      "Port of the plain MQTT endpoint; 0 picks a free port.");
  public static final Key<Integer> MQTT_TLS_PORT = Key.integer("mqtt.tls.port", 8883,
      "Port of the MQTT-over-TLS endpoint; only opened when tls.cert and tls.key are set.");
  public static final Key<Integer> MQTT_INSTANCES = Key.integer("mqtt.instances", 0,
      "MQTT endpoint verticle instances (event loops); 0 means one per core.");
  public static final Key<Integer> MQTT_MAX_PAYLOAD = Key.integer("mqtt.max-payload", 4096,
      "Largest accepted PUBLISH payload in bytes; larger ones are rejected and counted.");
  public static final Key<Long> MQTT_KEEPALIVE_MAX = Key.duration("mqtt.keepalive-max", 300_000,
      "Longest keep-alive a device may ask for; a connection asking for 0 (none) gets this.");
  public static final Key<Integer> MQTT_ORDER_QUEUE = Key.integer("mqtt.order-queue", 100,
      "Orders kept per device while it is offline (persistent sessions); the oldest are dropped beyond it.");
  public static final Key<Long> MQTT_CONNECT_TIMEOUT = Key.duration("mqtt.connect-timeout", 10_000,
      "A new MQTT connection that has not sent CONNECT within this is closed (whole seconds).");
  public static final Key<Integer> MQTT_MAX_CONNECTIONS = Key.integer("mqtt.max-connections", 10_000,
      "Open MQTT connections (plain and TLS together); more are refused at CONNECT and counted.");
  public static final Key<Integer> MQTT_MAX_CONNECTIONS_PER_ADDRESS = Key.integer("mqtt.max-connections-per-address", 1_000,
      "Open MQTT connections from one address; phones behind a carrier's NAT share addresses, so keep it well above one per device.");

  // --- Orders to devices (over MQTT and the field app)
  public static final Key<Long> ORDERS_RETENTION = Key.duration("orders.retention", 30 * 86_400_000L,
      "Orders a device acknowledged, or that were dropped, are deleted this long after; pending ones are kept.");

  // --- Traccar Client / OsmAnd HTTP endpoint
  public static final Key<String> OSMAND_HOST = Key.string("osmand.host", "0.0.0.0",
      "Address the Traccar Client / OsmAnd endpoint listens on.");
  public static final Key<Integer> OSMAND_PORT = Key.integer("osmand.port", 5055,
      "Port of the Traccar Client / OsmAnd endpoint; 0 picks a free port.");
  public static final Key<Long> OSMAND_IDLE_TIMEOUT = Key.duration("osmand.idle-timeout", 30_000,
      "An OsmAnd connection that carries nothing for this long is closed.");
  public static final Key<Long> OSMAND_HEADER_TIMEOUT = Key.duration("osmand.header-timeout", 10_000,
      "A new OsmAnd connection that has not sent a complete request head within this is closed.");
  public static final Key<Integer> OSMAND_MAX_CONNECTIONS = Key.integer("osmand.max-connections", 4_000,
      "Open connections the OsmAnd port accepts; more are closed at once and counted.");
  public static final Key<Integer> OSMAND_MAX_CONNECTIONS_PER_ADDRESS = Key.integer("osmand.max-connections-per-address", 256,
      "Open connections the OsmAnd port accepts from one address (loopback included).");
  public static final Key<Integer> OSMAND_MAX_BODY = Key.integer("osmand.max-body", 16_384,
      "Largest OsmAnd request body in bytes; a larger one is refused with 413 before it is read.");
  public static final Key<Integer> OSMAND_TLS_PORT = Key.integer("osmand.tls.port", 5056,
      "Port of the Traccar Client / OsmAnd endpoint over HTTPS; only opened when tls.cert and tls.key are set.");

  // --- Storage
  public static final Key<String> DATA_DIR = Key.string("data.dir", "./data",
      "Directory for the embedded PostgreSQL cluster and generated files.");
  public static final Key<String> PG_URL = Key.string("pg.url", "",
      "External PostgreSQL, postgresql://user:password@host:port/database; empty starts an embedded one.");
  public static final Key<Integer> PG_POOL_SIZE = Key.integer("pg.pool-size", 8,
      "Connections in the runtime PostgreSQL pool.");
  public static final Key<Integer> PG_DEVICE_POOL_SIZE = Key.integer("pg.device-pool-size", 2,
      "Connections kept for devices' logins, sessions and orders, so that they never wait behind the node's other database work.");
  public static final Key<Integer> PG_EMBEDDED_PORT = Key.integer("pg.embedded-port", 0,
      "Port of the embedded PostgreSQL; 0 picks a free port.");
  public static final Key<Long> PG_DEADLINE = Key.duration("pg.deadline", 5_000,
      "Longest any database call may take (a statement, or a whole transaction); past it the request is answered 503 database_unavailable.");

  // --- Demo county
  public static final Key<Boolean> DEMO_DATA = Key.bool("demo.data", true,
      "Generate the demo county when the database is empty.");
  public static final Key<Integer> DEMO_SEED = Key.integer("demo.seed", 20240601,
      "Seed of the demo county generator; the same seed gives the same county.");

  public static final Key<Integer> DEMO_EXTRA_UNITS = Key.integer("demo.extra-units", 0,
      "Extra auxiliaries added to the demo county at generation, for load and scale tests.");

  // --- County
  public static final Key<String> COUNTY_TIME_ZONE = Key.string("county.time-zone", "Asia/Shanghai",
      "The county's time zone: incident numbers (yyyyMMdd-NNNN) count per day in it.");

  // --- County import
  public static final Key<Integer> IMPORT_MAX_FILE_MB = Key.integer("import.max-file-mb", 128,
      "Largest file of a county bundle (or zip entry) in MiB; a larger one is refused unread.");

  public static final Key<Integer> IMPORT_MAX_BUNDLE_MB = Key.integer("import.max-bundle-mb", 256,
      "Largest county bundle in MiB, its files together and uncompressed (they are held in memory at once);"
          + " a larger one is refused unread beyond the limit.");

  public static final Key<Integer> IMPORT_MAX_UPLOAD_MB = Key.integer("import.max-upload-mb", 64,
      "Largest county bundle (a zip) accepted by POST /api/admin/import, in MiB; a larger upload is refused (413).");

  // --- Administration at run time
  public static final Key<Long> ADMIN_CHECK_INTERVAL = Key.duration("admin.check-interval", 10_000,
      "How often a node checks the database for a newer county or accounts than it holds; changes are also"
          + " announced to every node at once over the event bus.");
  public static final Key<String> DEVICES_SERVER_URL = Key.string("devices.server-url", "",
      "Server address put in a device's set-up QR code; empty: the address the admin's browser used.");

  // --- Accounts and auth
  public static final Key<String> ADMIN_PASSWORD = Key.string("admin.password", "",
      "Password of the first admin account; empty generates one at first start into data.dir/admin-password.");
  public static final Key<Long> AUTH_TOKEN_TTL = Key.duration("auth.token-ttl", 12 * 3_600_000L,
      "How long a bearer token from /api/login stays valid.");
  // A device secret is 144 random bits: no guessing gets near it, so stretching it buys nothing
  // and only slows every import and reconnect storm. Account passwords are chosen by people and
  // are stretched (210,000 iterations).
  public static final Key<Integer> AUTH_DEVICE_HASH_ITERATIONS = Key.integer("auth.device-hash-iterations", 1_000,
      "PBKDF2-SHA256 iterations for device secrets, which are random (account passwords use 210000).");
  public static final Key<Long> AUTH_DEVICE_TOKEN_TTL = Key.duration("auth.device-token-ttl", 30 * 86_400_000L,
      "How long a device token from /api/device/login (the field app) stays valid; a new or revoked secret ends it sooner.");
  public static final Key<Integer> AUTH_THROTTLE_FAILURES = Key.integer("auth.throttle.failures", 5,
      "Failed logins of one account (or connections of one device) in a row after which it must wait, 429 with Retry-After.");
  public static final Key<Integer> AUTH_THROTTLE_ADDRESS_FAILURES = Key.integer("auth.throttle.address-failures", 50,
      "Failed logins or device connections from one address after which it must wait; generous, as a NAT puts many behind one address.");
  public static final Key<Long> AUTH_THROTTLE_FIRST_LOCK = Key.duration("auth.throttle.first-lock", 1_000,
      "The first wait; each further failure doubles it.");
  public static final Key<Long> AUTH_THROTTLE_MAX_LOCK = Key.duration("auth.throttle.max-lock", 900_000,
      "The longest wait; failures are forgotten after four times this without one.");
  public static final Key<Integer> AUTH_THROTTLE_KEYS = Key.integer("auth.throttle.keys", 100_000,
      "Accounts, devices and addresses whose failures are remembered (each kind); beyond it the longest quiet are forgotten.");

  // --- Position pipeline
  public static final Key<Long> FIX_MAX_FUTURE = Key.duration("fix.max-future", 60_000,
      "A fix time-stamped further than this in the future is rejected.");
  public static final Key<Long> FIX_MAX_AGE = Key.duration("fix.max-age", 24 * 3_600_000L,
      "A fix older than this is rejected (devices replaying old buffers).");
  public static final Key<Double> FIX_MAX_SPEED = Key.decimal("fix.max-speed", 70.0,
      "Implied speed (m/s) above which a jump is flagged as implausible and the unit is not moved.");
  public static final Key<Long> PRESENCE_GRACE = Key.duration("presence.grace", 30_000,
      "A device whose connection dropped without DISCONNECT is marked offline after this.");
  public static final Key<Integer> HISTORY_BATCH = Key.integer("history.batch", 1000,
      "Positions written to PostgreSQL per statement.");
  public static final Key<Integer> HISTORY_BUFFER = Key.integer("history.buffer", 200_000,
      "Positions buffered for PostgreSQL; beyond it new fixes are counted as dropped from history.");
  public static final Key<Integer> HISTORY_UNIT_BUFFER = Key.integer("history.unit-buffer", 2_000,
      "Positions one unit may hold in the history buffer; beyond it its newest are counted as over share, so one device cannot crowd out the others.");
  public static final Key<Double> INGEST_DEVICE_RATE = Key.decimal("ingest.device-rate", 5.0,
      "Fixes per second one device may send on average, whatever the protocol; more are refused as rate_limited.");
  public static final Key<Integer> INGEST_DEVICE_BURST = Key.integer("ingest.device-burst", 300,
      "Fixes one device may send at once beyond its rate, e.g. a phone's backlog after being offline.");
  public static final Key<Double> INGEST_DEVICE_MESSAGE_RATE = Key.decimal("ingest.device-message-rate", 1.0,
      "Status and events messages (replies, reports, ledger entries), MQTT SUBSCRIBE and UNSUBSCRIBE and the field"
      + " app's receipts per second one device may send on average; more are refused as rate_limited.");
  public static final Key<Integer> INGEST_DEVICE_MESSAGE_BURST = Key.integer("ingest.device-message-burst", 60,
      "Status and events messages one device may send at once beyond its rate, e.g. an app's queue after being offline.");
  public static final Key<Long> HISTORY_FLUSH = Key.duration("history.flush", 200,
      "Longest a buffered position waits before it is written.");

  // --- Console
  public static final Key<Long> CONSOLE_TICK = Key.duration("console.tick", 100,
      "Position updates to a console are coalesced per unit over this tick.");
  public static final Key<Integer> CONSOLE_QUEUE_BYTES = Key.integer("console.queue-bytes", 1 << 20,
      "Bytes of messages that must all arrive (snapshots, incidents, alerts) queued for one console whose socket is"
          + " full, before it is brought up to date from a fresh snapshot; unit moves are never queued (a console that"
          + " cannot take them skips ticks and then gets the units as they are).");
  public static final Key<String> CONSOLE_TILE_URL = Key.string("console.tile-url", "",
      "Raster tile URL template for the console basemap (an intranet GIS server); empty uses only the built-in vector map.");

  // --- Field app
  public static final Key<String> FIELD_DUTY_PHONE = Key.string("field.duty-phone", "",
      "Telephone number of the duty desk that the field app calls with one tap; empty hides the button.");
  public static final Key<Integer> FIELD_SOCKET_QUEUE = Key.integer("field.socket-queue", 262_144,
      "Bytes queued for one field-app connection that does not read them; beyond it the connection is closed and the app reconnects for what is pending.");
  public static final Key<Integer> FIELD_PHOTO_MAX = Key.integer("field.photo-max", 2_097_152,
      "Largest photo (JPEG or PNG) in bytes the field app may upload; the app scales photos down before sending.");
  public static final Key<Integer> FIELD_PHOTOS_PER_DAY = Key.integer("field.photos-per-day", 200,
      "Photos one device may upload in 24 hours; more are refused with 429.");
  public static final Key<Long> FIELD_PHOTO_RETENTION = Key.duration("field.photo-retention", 365 * 86_400_000L,
      "Photos are deleted this long after they were uploaded.");

  // --- Alerts
  public static final Key<Long> ALERTS_KEEP = Key.duration("alerts.keep", 30 * 86_400_000L,
      "Alerts older than this are deleted.");
  public static final Key<Integer> ALERTS_MAX = Key.integer("alerts.max", 100_000,
      "Alerts kept at most; the oldest beyond it are deleted.");
  public static final Key<Long> ALERTS_REPEAT = Key.duration("alerts.repeat", 120_000,
      "A critical alert nobody has acknowledged is shown and sounded again on every console this often; 0 never.");

  // --- Dispatch
  public static final Key<String> DISPATCH_PLANS = Key.string("dispatch.plans", "conf/response-plans.yaml",
      "Response plans file (per incident type and severity); missing file uses the built-in plans.");
  public static final Key<Double> DISPATCH_SPEED_KMH = Key.decimal("dispatch.speed-kmh", 40.0,
      "Travel speed used to turn straight-line distance into an estimated travel time.");
  public static final Key<Long> DISPATCH_CLEARED_REMINDER = Key.duration("dispatch.cleared-reminder", 600_000,
      "An incident whose units all reported clear reminds its dispatchers to resolve it after this.");
  public static final Key<Long> DISPATCH_MASS_DISCONNECT_WINDOW = Key.duration("dispatch.mass-disconnect.window", 10_000,
      "Units going offline within this of each other may be one mass disconnection (a cell tower, the network, a node); a unit's going offline is acted on once it has passed.");
  public static final Key<Integer> DISPATCH_MASS_DISCONNECT_UNITS = Key.integer("dispatch.mass-disconnect.units", 20,
      "This many units offline within the window are a mass disconnection: one grouped alert, and no offer moves on for it.");
  public static final Key<Double> DISPATCH_MASS_DISCONNECT_SHARE = Key.decimal("dispatch.mass-disconnect.share", 0.3,
      "So is this share of the units that were online (when at least 5 went).");
  public static final Key<Boolean> DISPATCH_ROAD_ENABLED = Key.bool("dispatch.road.enabled", true,
      "Time the nearest candidates over the county's roads; off, every candidate is timed along the straight line.");
  public static final Key<Integer> DISPATCH_ROAD_CANDIDATES = Key.integer("dispatch.road.candidates", 20,
      "How many of the eligible units nearest in a straight line are timed by road; the rest rank after them.");
  public static final Key<Double> DISPATCH_ROAD_COUNTY_KMH = Key.decimal("dispatch.road.county-kmh", 60.0,
      "Travel speed on county roads.");
  public static final Key<Double> DISPATCH_ROAD_TOWNSHIP_KMH = Key.decimal("dispatch.road.township-kmh", 40.0,
      "Travel speed on township roads.");
  public static final Key<Double> DISPATCH_ROAD_VILLAGE_KMH = Key.decimal("dispatch.road.village-kmh", 25.0,
      "Travel speed on village roads.");
  public static final Key<Double> DISPATCH_ROAD_OFF_ROAD_KMH = Key.decimal("dispatch.road.off-road-kmh", 6.0,
      "Travel speed between a place and its nearest road point.");
  public static final Key<Double> DISPATCH_ROAD_SNAP_M = Key.decimal("dispatch.road.snap-m", 2000.0,
      "A unit or incident further than this (metres) from every road is timed along the straight line.");

  // --- Patrol coverage, the work ledger and the monthly evaluation (docs/evaluation.md)
  public static final Key<Long> COVERAGE_MAX_GAP = Key.duration("coverage.max-gap", 5 * 60_000L,
      "Between two fixes a unit counts as present for at most this long; a longer silence ends its visit.");
  public static final Key<Long> COVERAGE_MIN_VISIT = Key.duration("coverage.min-visit", 10 * 60_000L,
      "An unbroken stay in one village counts as a visit once it lasts this long.");
  public static final Key<String> COVERAGE_ZONE = Key.string("coverage.zone", "Asia/Shanghai",
      "The county's time zone: coverage days and evaluation months run from midnight to midnight there.");
  public static final Key<Integer> COVERAGE_VISITS_PER_DAY = Key.integer("coverage.visits-per-day", 1,
      "Visits a village needs a day unless set otherwise for it (PUT /api/coverage/requirements/{village}).");
  public static final Key<Long> COVERAGE_FLUSH = Key.duration("coverage.flush", 5_000,
      "How often the coverage accounting adds what it counted to the day figures in PostgreSQL.");
  public static final Key<Integer> COVERAGE_BUFFER = Key.integer("coverage.buffer", 100_000,
      "Fixes and duty changes waiting for the coverage accounting; beyond it they are counted as dropped.");
  public static final Key<Long> COVERAGE_CHECK = Key.duration("coverage.check", 60_000,
      "How often villages are checked for a patrol requirement window that ran out without a visit.");
  public static final Key<Long> LEDGER_CHECK = Key.duration("ledger.check", 60_000,
      "How often hazards are checked for a rectification deadline that passed.");
  public static final Key<String> EVALUATION_FILE = Key.string("evaluation.file", "conf/evaluation.yaml",
      "The monthly evaluation's weights, classes, amounts and closing day; a missing file uses the built-in defaults.");

  // --- Cluster
  public static final Key<Boolean> CLUSTER_ENABLED = Key.bool("cluster.enabled", false,
      "Join a Hazelcast cluster of Lamplight nodes (needs a shared external pg.url).");
  public static final Key<String> CLUSTER_MEMBERS = Key.string("cluster.members", "127.0.0.1",
      "Comma-separated TCP-IP join list of cluster members.");
  public static final Key<Integer> CLUSTER_PORT = Key.integer("cluster.port", 5701,
      "Hazelcast member port (auto-increments when taken on the same host).");
  public static final Key<String> CLUSTER_HOST = Key.string("cluster.host", "127.0.0.1",
      "Address this node advertises to the cluster (event bus and Hazelcast).");
  public static final Key<Integer> CLUSTER_BUS_PORT = Key.integer("cluster.bus-port", 0,
      "Port of the clustered event bus (nodes send each other orders, positions and commands); 0 picks a free port.");
  public static final Key<Long> CLUSTER_FAILURE_TIMEOUT = Key.duration("cluster.failure-timeout", 8_000,
      "A member silent this long is declared dead and its incidents are taken over (whole seconds).");
  public static final Key<Long> CLUSTER_SHARE_INTERVAL = Key.duration("cluster.share-interval", 100,
      "How often a node sends the positions and statuses its own devices reported to the other nodes.");

  // --- Lifecycle
  public static final Key<Boolean> NATIVE_TRANSPORT = Key.bool("native-transport", true,
      "Use Netty's epoll transport on Linux (less CPU per message than the JDK's); where it cannot load, the JDK's is used and the start-up log says why.");
  public static final Key<Long> SHUTDOWN_TIMEOUT = Key.duration("shutdown.timeout", 15_000,
      "Longest an orderly shutdown may take before the process exits anyway.");

  private static final List<Key<?>> ALL = collect();

  /** Keys of earlier releases that were renamed: a start-up that still sets one stops and says so. */
  static final Map<String, Key<?>> RENAMED = Map.of("mqtt.tls.cert", TLS_CERT, "mqtt.tls.key", TLS_KEY);

  /** All keys, in declaration order. */
  public static List<Key<?>> all() {
    return ALL;
  }

  private static List<Key<?>> collect() {
    List<Key<?>> keys = new ArrayList<>();
    for (Field f : Keys.class.getDeclaredFields()) {
      if (f.getType() == Key.class && Modifier.isStatic(f.getModifiers())) {
        try {
          keys.add((Key<?>) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Collections.unmodifiableList(keys);
  }
}
