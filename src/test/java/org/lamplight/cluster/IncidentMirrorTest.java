package org.lamplight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lamplight.TestUnits;
import org.lamplight.domain.dispatch.Assignment;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.store.IncidentJson;

class IncidentMirrorTest {

  private final LiveUnits units = TestUnits.live(List.of(TestUnits.auxiliary("aux-1", "W1", 33.7, 114.5)));
  private final Set<String> drivenHere = new HashSet<>();
  private final IncidentMirror mirror = new IncidentMirror(units, drivenHere::contains);

  private static Incident incident(String id, IncidentStatus status, AssignmentStatus unit, long seq) {
    List<Assignment> assignments = unit == null ? List.of()
        : List.of(new Assignment("aux-1", "dev-aux-1", UnitKind.AUXILIARY, "o1", unit, 1, 2, 3, null, false, false, null));
    return new Incident(id, "20260101-0001", IncidentType.FIRE, 1, 33.7, 114.5, "", IncidentSource.API, "ann", status, 1, 1, 2,
        assignments, null, false, Set.of(), seq, 0, 0, Caller.NONE);
  }

  /** As the owner publishes it. */
  private static JsonObject change(Incident i) {
    return new JsonObject().put("incident", IncidentJson.toJson(i)).put("stationId", "S1");
  }

  private String status() {
    return units.unit("aux-1").orElseThrow().dispatchState();
  }

  @Test
  void changesFromTheOwnerKeepTheOpenIncidentsAndTheUnitsStatesOfThisNode() {
    mirror.load(List.of());
    mirror.changed(change(incident("i1", IncidentStatus.DISPATCHING, AssignmentStatus.OFFERED, 2)));
    assertThat(mirror.all()).extracting(Incident::id).containsExactly("i1");
    assertThat(mirror.all().iterator().next().seq()).isEqualTo(2);
    assertThat(status()).isEqualTo("offered");

    mirror.changed(change(incident("i1", IncidentStatus.ASSIGNED, AssignmentStatus.ACCEPTED, 3)));
    mirror.changed(change(incident("i1", IncidentStatus.DISPATCHING, AssignmentStatus.OFFERED, 2)));
    assertThat(status()).as("an older change does not win").isEqualTo("assigned");

    mirror.changed(change(incident("i1", IncidentStatus.CANCELLED, AssignmentStatus.CANCELLED, 4)));
    assertThat(mirror.all()).isEmpty();
    assertThat(status()).isEqualTo("available");
  }

  @Test
  void anIncidentThatEndedWhileLoadingDoesNotComeBackFromTheStoredCopy() {
    mirror.changed(change(incident("i1", IncidentStatus.CANCELLED, AssignmentStatus.CANCELLED, 5)));
    mirror.load(List.of(incident("i1", IncidentStatus.DISPATCHING, AssignmentStatus.OFFERED, 2),
        incident("i2", IncidentStatus.DISPATCHING, null, 1)));
    assertThat(mirror.all()).extracting(Incident::id).containsExactly("i2");
    assertThat(status()).isEqualTo("available");
  }

  @Test
  void incidentsThisNodeDrivesShowTheirUnitsAlready() {
    drivenHere.add("i1");
    mirror.changed(change(incident("i1", IncidentStatus.DISPATCHING, AssignmentStatus.OFFERED, 2)));
    assertThat(mirror.all()).hasSize(1);
    assertThat(status()).as("left to the dispatch verticle").isEqualTo("available");
  }
}
