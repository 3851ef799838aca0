package org.lamplight.domain.org;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.geo.GeoPoint;
import org.locationtech.jts.geom.Point;

/**
 * The places of a county that a dispatcher looks up while taking a call, by name or by pinyin
 * initials. Immutable; built once per county.
 *
 * <p>A query matches a place whose name contains it or whose initials contain it (case does not
 * matter). Better matches come first: the whole name or all the initials, then a name or initials
 * that start with the query, then the rest; among equals villages and committees come before
 * townships and stations, then names in pinyin order (as a Chinese dictionary has them).
 */
public final class PlaceDirectory {

  private static final int NO_MATCH = 3;

  private final List<Place> places;
  /** Compares under a lock of its own, so one serves every thread. */
  private final Collator pinyinOrder = Collator.getInstance(Locale.CHINA);

  private PlaceDirectory(List<Place> places) {
    this.places = List.copyOf(places);
  }

  public static PlaceDirectory of(County county) {
    List<Place> out = new ArrayList<>();
    for (Area area : county.areas()) {
      Optional<Place.Kind> kind = kindOf(area.level());
      if (kind.isPresent()) {
        String township = area.level() == AreaLevel.TOWNSHIP ? null
            : county.area(area.parent()).map(Area::name).orElse(null);
        Point inside = area.shape().getInteriorPoint();
        out.add(new Place(kind.get(), area.code(), area.name(), township, PinyinInitials.of(area.name()),
            new GeoPoint(inside.getY(), inside.getX())));
      }
    }
    for (Station station : county.stations()) {
      String township = station.townshipIds().stream().findFirst().flatMap(county::area).map(Area::name).orElse(null);
      out.add(new Place(Place.Kind.STATION, station.id(), station.name(), township, PinyinInitials.of(station.name()),
          station.location()));
    }
    return new PlaceDirectory(out);
  }

  private static Optional<Place.Kind> kindOf(AreaLevel level) {
    return switch (level) {
      case VILLAGE -> Optional.of(Place.Kind.VILLAGE);
      case COMMITTEE -> Optional.of(Place.Kind.COMMITTEE);
      case TOWNSHIP -> Optional.of(Place.Kind.TOWNSHIP);
      case COUNTY -> Optional.empty();
    };
  }

  public int size() {
    return places.size();
  }

  /** At most {@code limit} places matching the query, best first; none for a blank query. */
  public List<Place> search(String query, int limit) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    if (q.isEmpty()) {
      return List.of();
    }
    return places.stream()
        .filter(p -> rank(p, q) < NO_MATCH)
        .sorted(Comparator.comparingInt((Place p) -> rank(p, q)).thenComparing(Place::kind)
            .thenComparing(Place::name, pinyinOrder))
        .limit(limit)
        .toList();
  }

  private static int rank(Place p, String q) {
    String name = p.name().toLowerCase(Locale.ROOT);
    if (name.equals(q) || p.initials().equals(q)) {
      return 0;
    }
    if (name.startsWith(q) || p.initials().startsWith(q)) {
      return 1;
    }
    return name.contains(q) || p.initials().contains(q) ? 2 : NO_MATCH;
  }
}
