package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;

class LiveStateTransferTest {

  private static final FixValidator VALIDATOR = new FixValidator(60_000, 86_400_000, 70);
  private static final int UNITS = LiveStateTransfer.PART + 10;

  private final List<Person> people = new ArrayList<>();
  private final LiveUnits member;
  private final LiveUnits joining;
  private final ClusterPresence memberPresence;
  private final ClusterPresence joiningPresence;

  LiveStateTransferTest() {
    for (int i = 0; i < UNITS; i++) {
      people.add(TestUnits.auxiliary("aux-" + i, "W1", 33.7, 114.5));
    }
    member = TestUnits.live(people);
    joining = TestUnits.live(people);
    memberPresence = new ClusterPresence(null, member, d -> false);
    joiningPresence = new ClusterPresence(null, joining, d -> false);
  }

  private static PositionFix fix(String deviceId, double lat, long ts) {
    return new PositionFix(deviceId, lat, 114.5, ts, 5, PositionFix.ABSENT, PositionFix.ABSENT, PositionFix.ABSENT, 60,
        FixSource.LAMPLIGHT);
  }

  private void copy(Set<String> heard) {
    LiveStateTransfer from = new LiveStateTransfer(member, memberPresence);
    LiveStateTransfer to = new LiveStateTransfer(joining, joiningPresence);
    int next = 0;
    int parts = 0;
    do {
      next = to.apply(from.part(next), heard);
      parts++;
    } while (next >= 0);
    assertThat(parts).isEqualTo(2);
  }

  @Test
  void aJoiningNodeSeesWhatTheMemberSeesInEveryPart() {
    long now = System.currentTimeMillis();
    member.applyFix(fix("dev-aux-0", 33.71, now - 1000));
    member.setOnline("dev-aux-0", true);
    member.setOnline("dev-aux-" + (UNITS - 1), true);
    member.setOnDuty("dev-aux-" + (UNITS - 1), false);
    member.setSos("dev-aux-" + (UNITS - 1), true);
    memberPresence.connected(new JsonObject().put("deviceId", "dev-aux-0").put("nodeId", "node-a"));

    copy(Set.of());

    UnitView first = joining.unit("aux-0").orElseThrow();
    assertThat(first.fix()).isEqualTo(fix("dev-aux-0", 33.71, now - 1000));
    assertThat(first.online()).isTrue();
    UnitView last = joining.unit("aux-" + (UNITS - 1)).orElseThrow();
    assertThat(last.online()).isTrue();
    assertThat(last.onDuty()).isFalse();
    assertThat(last.sos()).isTrue();
    assertThat(last.fix()).isNull();
    assertThat(joining.unit("aux-5").orElseThrow().online()).isFalse();
    assertThat(joiningPresence.nodeOf("dev-aux-0")).isEqualTo("node-a");
  }

  @Test
  void whatTheJoiningNodeHeardItselfIsNotOverwritten() {
    long now = System.currentTimeMillis();
    member.applyFix(fix("dev-aux-0", 33.71, now - 5000));
    member.setOnline("dev-aux-0", true);
    joining.applyFix(fix("dev-aux-0", 33.72, now - 1000)); // newer
    joiningPresence.connected(new JsonObject().put("deviceId", "dev-aux-0").put("nodeId", "node-b"));
    memberPresence.connected(new JsonObject().put("deviceId", "dev-aux-0").put("nodeId", "node-a"));

    copy(Set.of("dev-aux-0")); // it went offline after the member's copy was made

    UnitView u = joining.unit("aux-0").orElseThrow();
    assertThat(u.fix().lat()).isEqualTo(33.72);
    assertThat(u.online()).isFalse();
    assertThat(joiningPresence.nodeOf("dev-aux-0")).isEqualTo("node-b");
  }
}
