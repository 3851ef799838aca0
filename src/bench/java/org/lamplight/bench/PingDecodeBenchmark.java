package org.lamplight.bench;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.gateway.mqtt.LamplightPositionDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one native position ping (the ingest benchmark's payload, about 150 bytes): the
 * decoder as devices meet it, which takes the allocation-free scan, and a payload the scan leaves
 * to the full JSON parser (an escape in a string). Run with
 * {@code java -cp target/lamplight-bench.jar org.openjdk.jmh.Main PingDecodeBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PingDecodeBenchmark {

  private static final String PING = "{\"lat\":33.802345,\"lon\":114.512340,\"ts\":1700000000123,\"acc\":4.5,"
      + "\"spd\":3.2,\"hdg\":181,\"alt\":52.0,\"batt\":77,\"sat\":11,\"net\":\"lte\",\"sent\":1234567}";

  private final LamplightPositionDecoder decoder = new LamplightPositionDecoder(4096);
  private final Buffer ping = Buffer.buffer(PING);
  private final Buffer escaped = Buffer.buffer(PING.replace("\"lte\"", "\"l\\u0074e\""));

  @Benchmark
  public PositionFix typicalPing() {
    return decoder.decode("dev-aux-0001", ping);
  }

  @Benchmark
  public PositionFix fullParser() {
    return decoder.decode("dev-aux-0001", escaped);
  }
}
