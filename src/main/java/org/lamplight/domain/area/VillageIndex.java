package org.lamplight.domain.area;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lamplight.domain.area.Area;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;

/**
 * Which village (村) or committee (社区) a position lies in. Safe for concurrent use; its answers
 * never change once built.
 *
 * <p>A position lies in a village when the village's closed shape (interior or boundary, holes
 * excluded) contains it. Where several do, which happens only on a shared border or where shapes
 * overlap, the position belongs to the one with the lowest code in {@link String} order (codes of
 * equal length compare numerically). Outside every village it lies in none.
 *
 * <p>Cost: a packed R-tree over the villages' envelopes finds the few candidates, and each
 * candidate answers with its indexed point-in-area locator (what JTS's prepared polygons use for
 * points) in logarithmic time. Asking with the previous village of the same unit first skips the
 * tree whenever the position is still inside that village's interior and no lower code overlaps
 * that village; whether one does is worked out (with a relate test per lower-coded neighbour) the
 * first time the village is asked about that way, so building stays cheap.
 */
public final class VillageIndex {

  private final Village[] villages;
  private final Map<String, Village> byCode;
  private final HPRtree tree;

  private VillageIndex(Village[] villages, HPRtree tree) {
    this.villages = villages;
    this.tree = tree;
    this.byCode = new HashMap<>(villages.length * 2);
    for (Village v : villages) {
      byCode.put(v.code, v);
    }
  }

  /**
   * Indexes the villages and committees among the areas; other levels are left out.
   *
   * @throws IllegalArgumentException when a village's shape is empty or not a Polygon or
   *     MultiPolygon, or two villages share a code
   */
  public static VillageIndex of(Collection<Area> areas) {
    List<Area> sorted = areas.stream().filter(a -> a.level().isVillageLike())
        .sorted(Comparator.comparing(Area::code)).toList();
    Village[] villages = new Village[sorted.size()];
    HPRtree tree = new HPRtree();
    for (int i = 0; i < sorted.size(); i++) {
      Area area = sorted.get(i);
      if (!(area.shape() instanceof Polygonal) || area.shape().isEmpty()) {
        throw new IllegalArgumentException("village " + area.code() + ": the shape must be a non-empty"
            + " Polygon or MultiPolygon, got " + area.shape().getGeometryType());
      }
      if (i > 0 && sorted.get(i - 1).code().equals(area.code())) {
        throw new IllegalArgumentException("village code " + area.code() + " appears twice");
      }
      villages[i] = new Village(i, area);
      tree.insert(villages[i].envelope, villages[i]);
    }
    tree.build();
    return new VillageIndex(villages, tree);
  }

  /** The number of villages indexed. */
  public int size() {
    return villages.length;
  }

  /** The codes of the villages indexed, lowest first. */
  public List<String> codes() {
    return Arrays.stream(villages).map(v -> v.code).toList();
  }

  public boolean contains(String code) {
    return byCode.containsKey(code);
  }

  /** The village the position lies in, if any. */
  public Optional<String> villageAt(double lat, double lon) {
    return Optional.ofNullable(lookUp(new Coordinate(lon, lat)));
  }

  /**
   * The village the position lies in, asking the previous village first: the answer is the same as
   * without it, only faster when the unit has not left that village.
   *
   * @param previous the village of the unit's previous position; null or unknown codes are ignored
   */
  public Optional<String> villageAt(double lat, double lon, String previous) {
    Coordinate point = new Coordinate(lon, lat);
    Village last = previous == null ? null : byCode.get(previous);
    if (last != null && last.locate(point) == Location.INTERIOR && !overlappedByLowerCode(last)) {
      return Optional.of(last.code);
    }
    return Optional.ofNullable(lookUp(point));
  }

  /** The lowest-coded candidate whose closed shape holds the point. */
  private String lookUp(Coordinate point) {
    Village best = null;
    for (Object item : tree.query(new Envelope(point))) {
      Village candidate = (Village) item;
      if ((best == null || candidate.order < best.order) && candidate.locate(point) != Location.EXTERIOR) {
        best = candidate;
      }
    }
    return best == null ? null : best.code;
  }

  /**
   * Whether a village with a lower code shares part of this one's interior. Only if none does is
   * "inside my interior" enough to know no lower code also claims the point. Computed once; two
   * threads racing compute the same answer.
   */
  private boolean overlappedByLowerCode(Village village) {
    byte known = village.overlappedByLowerCode;
    if (known != Village.UNKNOWN) {
      return known == Village.YES;
    }
    boolean overlapped = false;
    RelateNG prepared = null;
    for (Object item : tree.query(village.envelope)) {
      Village other = (Village) item;
      if (other.order < village.order) {
        prepared = prepared != null ? prepared : RelateNG.prepare(village.shape);
        if (interiorsMeet(prepared, other.shape)) {
          overlapped = true;
          break;
        }
      }
    }
    village.overlappedByLowerCode = overlapped ? Village.YES : Village.NO;
    return overlapped;
  }

  private static boolean interiorsMeet(RelateNG prepared, Geometry other) {
    try {
      return prepared.evaluate(other, RelatePredicate.matches("T********"));
    } catch (RuntimeException invalidShape) {
      return true; // cannot tell: the lookup without the previous village is always right
    }
  }

  /** One indexed village; order is its position in code order. */
  private static final class Village {
    static final byte UNKNOWN = 0;
    static final byte NO = 1;
    static final byte YES = 2;

    final int order;
    final String code;
    final Geometry shape;
    final Envelope envelope;
    final IndexedPointInAreaLocator locator;
    volatile byte overlappedByLowerCode = UNKNOWN;

    Village(int order, Area area) {
      this.order = order;
      this.code = area.code();
      this.shape = area.shape();
      this.envelope = shape.getEnvelopeInternal();
      this.locator = new IndexedPointInAreaLocator(shape);
      locator.locate(envelope.centre()); // builds the locator's index now, not on the first fix
    }

    int locate(Coordinate point) {
      return envelope.covers(point) ? locator.locate(point) : Location.EXTERIOR;
    }
  }
}
