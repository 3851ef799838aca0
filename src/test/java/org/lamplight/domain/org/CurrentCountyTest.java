package org.lamplight.domain.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CurrentCountyTest {

  private static County withStations(String... ids) {
    List<Station> stations = new ArrayList<>();
    for (String id : ids) {
      stations.add(new Station(id, id, new org.lamplight.domain.geo.GeoPoint(34, 113), List.of()));
    }
    return new County(List.of(), stations, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void onlyANewerVersionReplacesTheCountyAndListenersHearOfIt() {
    CurrentCounty current = new CurrentCounty(3, withStations("S1"));
    List<Integer> heard = new ArrayList<>();
    current.onChange(c -> heard.add(c.stations().size()));

    assertThat(current.replace(3, withStations("S1", "S2"))).isFalse();
    assertThat(current.replace(2, withStations("S1", "S2"))).isFalse();
    assertThat(current.get().stations()).hasSize(1);

    assertThat(current.replace(4, withStations("S1", "S2"))).isTrue();
    assertThat(current.version()).isEqualTo(4);
    assertThat(current.get().stations()).hasSize(2);
    assertThat(heard).containsExactly(2);
  }

  @Test
  void aDerivedValueIsBuiltOncePerCounty() {
    CurrentCounty current = new CurrentCounty(1, withStations("S1"));
    AtomicInteger builds = new AtomicInteger();
    Supplier<Integer> count = current.derived(c -> {
      builds.incrementAndGet();
      return c.stations().size();
    });
    assertThat(count.get()).isEqualTo(1);
    assertThat(count.get()).isEqualTo(1);
    assertThat(builds).hasValue(1);

    current.replace(2, withStations("S1", "S2", "S3"));
    assertThat(builds).as("built again when the county is replaced, not by the next reader").hasValue(2);
    assertThat(count.get()).isEqualTo(3);
    assertThat(builds).hasValue(2);
  }
}
