package org.lamplight.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsSectionTest {

  @Test
  void theHeapPerConnectionIsTheSlopeOverTheSteps() {
    List<long[]> steps = List.of(new long[] {0, 100_000_000}, new long[] {4000, 120_000_000},
        new long[] {8000, 140_000_000});

    assertThat(ConnectionsSection.bytesPerConnection(steps)).isCloseTo(5000, within(1e-6));
  }

  @Test
  void oneStepGivesNoSlope() {
    assertThat(ConnectionsSection.bytesPerConnection(List.<long[]>of(new long[] {0, 1}))).isEqualTo(-1);
  }

  @Test
  void theLoadToolsStatusLineReadsBackAsWritten() {
    IdleDevices.Status s = new IdleDevices.Status(9800, 100, 0, 2, 5, 7, 123_456, "no CONNACK within 10 s");

    assertThat(IdleDevices.Status.parse(s.line())).isEqualTo(s);
    assertThat(s.stopped()).isTrue();
    assertThat(new IdleDevices.Status(1, 0, 0, 0, 0, 0, 0, "-").stopped()).isFalse();
  }

  @Test
  void theHeapInUseIsReadFromG1sAndFromGenerationalHeapInfo() {
    String g1 = """
        12345:
         garbage-first heap   total 262144K, used 45678K [0x0000000080000000, 0x0000000100000000)
          region size 1024K, 3 young (3072K), 0 survivors (0K)
         Metaspace       used 50000K, committed 50500K, reserved 1114112K
          class space    used 6000K, committed 6200K, reserved 1048576K
        """;
    String serial = """
         def new generation   total 9792K, used 1000K [0x00000000e0000000, 0x00000000e0aa0000, 0x00000000eaaa0000)
         tenured generation   total 21888K, used 2000K [0x00000000eaaa0000, 0x00000000ec000000, 0x0000000100000000)
         Metaspace       used 3000K, committed 3200K, reserved 1056768K
        """;

    assertThat(ProcessFiles.usedHeapBytes(g1)).isEqualTo(45678L * 1024);
    assertThat(ProcessFiles.usedHeapBytes(serial)).isEqualTo(3000L * 1024);
    assertThatThrownBy(() -> ProcessFiles.usedHeapBytes("12345:\nCould not attach")).isInstanceOf(IllegalArgumentException.class);
  }
}
