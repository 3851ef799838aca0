package org.lamplight.patrol;

import java.util.List;
import org.lamplight.domain.coverage.TrackEvent;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.UnitTrack;
import org.lamplight.domain.coverage.VillageDay;

/**
 * One flush of the coverage accounting: the increments drained since the previous one, the
 * tracks of the units they touched and the duty changes reported meanwhile, written together.
 *
 * @param id unique per flush; a retried flush keeps its id and is applied once
 */
record CoverageFlush(String id, String nodeId, List<VillageDay> villageDays, List<UnitDay> unitDays,
                     List<UnitTrack> tracks, List<TrackEvent.Duty> dutyChanges) {

  CoverageFlush {
    villageDays = List.copyOf(villageDays);
    unitDays = List.copyOf(unitDays);
    tracks = List.copyOf(tracks);
    dutyChanges = List.copyOf(dutyChanges);
  }

  boolean isEmpty() {
    return villageDays.isEmpty() && unitDays.isEmpty() && tracks.isEmpty() && dutyChanges.isEmpty();
  }
}
