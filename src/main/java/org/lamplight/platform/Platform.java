package org.lamplight.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.lamplight.config.Config;

/**
 * What every feature module of a node is given: its configuration, the Vert.x instance, the
 * PostgreSQL pools, the metrics registry, the health board and the node's id in a cluster.
 *
 * @param pool the runtime pool
 * @param devicePool the pool of what devices wait on to connect (credentials, sessions, orders)
 */
public record Platform(Config config, Vertx vertx, Pool pool, Pool devicePool, PrometheusMeterRegistry registry,
                       Health health, String nodeId) {
}
