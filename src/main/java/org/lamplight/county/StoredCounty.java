package org.lamplight.county;

import java.util.List;
import java.util.Map;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;

/** Every row of the county as stored, retired ones too, by code: what an import compares a bundle with. */
record StoredCounty(Map<String, Stored<Area>> areas, Map<String, Stored<Station>> stations,
                    Map<String, Stored<Office>> offices, Map<String, Stored<Workstation>> workstations,
                    Map<String, Stored<Person>> people, Map<String, Stored<Device>> devices, List<Road> roads) {

  /** A stored row and whether it was retired. */
  record Stored<T>(T value, boolean retired) {
  }
}
