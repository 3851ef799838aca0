package org.lamplight.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.NodeProcess;

/**
 * The reference for Lamplight's ingest cost: a vertx-mqtt endpoint that does the least an
 * application can do with a ping. It parses the payload into a {@code JsonObject}, keeps the
 * latest one per client in a map, and acknowledges QoS 1. It stores, checks and shows nothing.
 * It runs in a JVM of its own, so that its CPU can be read apart from the load tools', with as
 * many MQTT instances as Lamplight has by default: one per core.
 */
final class BareMqttEndpoint extends ServerProcess {

  static final String NAME = "bare vertx-mqtt";

  final int port;

  private BareMqttEndpoint(int port, Process process) {
    super(process);
    this.port = port;
  }

  /** Starts the endpoint's JVM on a free loopback port; its output goes to {@code bare-mqtt.log} in {@code dir}. */
  static BareMqttEndpoint start(Path dir) throws Exception {
    int port = NodeProcess.freePorts(1).get(0);
    Process p = launch(port, dir.resolve("bare-mqtt.log"), 30_000, "the bare vertx-mqtt endpoint", "java", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), BareMqttEndpoint.class.getName(), Integer.toString(port));
    return new BareMqttEndpoint(port, p);
  }

  /** One MQTT instance of the endpoint. */
  private static final class Endpoint extends VerticleBase {
    private final int port;
    private final Map<String, JsonObject> latest;

    Endpoint(int port, Map<String, JsonObject> latest) {
      this.port = port;
      this.latest = latest;
    }

    @Override
    public Future<?> start() {
      return MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(port))
          .endpointHandler(endpoint -> {
            endpoint.accept(false);
            endpoint.exceptionHandler(e -> endpoint.close());
            endpoint.publishHandler(message -> {
              latest.put(endpoint.clientIdentifier(), new JsonObject(message.payload()));
              if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                endpoint.publishAcknowledge(message.messageId());
              }
            });
          })
          .listen();
    }
  }

  /** The endpoint's JVM: {@code BareMqttEndpoint PORT}; runs until it is stopped. */
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Map<String, JsonObject> latest = new ConcurrentHashMap<>();
    Vertx.vertx().deployVerticle(() -> new Endpoint(port, latest),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
