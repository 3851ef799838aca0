package org.lamplight.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.ReplyAction;
import org.lamplight.domain.dispatch.ShortfallReason;

class WireNameTest {

  @Test
  void wireNamesAreLowerSnakeAndParseBack() {
    assertThat(IncidentStatus.ON_SCENE.wire()).isEqualTo("on_scene");
    assertThat(ReplyAction.ONSCENE.wire()).isEqualTo("onscene");
    assertThat(EventKind.OFFER_SENT.wire()).isEqualTo("offer_sent");
    for (AssignmentStatus status : AssignmentStatus.values()) {
      assertThat(AssignmentStatus.fromWire(status.wire())).isEqualTo(status);
    }
    assertThat(ShortfallReason.fromWire("all_busy")).isEqualTo(ShortfallReason.ALL_BUSY);
  }

  @Test
  void unknownWireNamesAreRefusedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> IncidentType.fromWire("flood"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown incident type 'flood', expected one of: fire, traffic, security, rescue, other");
    assertThatThrownBy(() -> IncidentSource.fromWire(null)).hasMessage("missing incident source");
    assertThatThrownBy(() -> IncidentType.fromWire("FIRE")).hasMessageStartingWith("unknown incident type");
  }
}
