package org.lamplight.domain.org;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;

/** The whole organisation of one county, as generated or loaded. */
public record County(String name, GeoPoint center, List<Township> townships, List<Station> stations,
                     List<Office> offices, List<Workstation> workstations, List<Village> villages,
                     List<Road> roads, List<Person> people) {
  public County {
    townships = List.copyOf(townships);
    stations = List.copyOf(stations);
    offices = List.copyOf(offices);
    workstations = List.copyOf(workstations);
    villages = List.copyOf(villages);
    roads = List.copyOf(roads);
    people = List.copyOf(people);
  }
}
