package org.lamplight.domain.geo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntPredicate;

/**
 * A uniform grid over the sphere for k-nearest queries on moving points, updated in place.
 *
 * <p>Rows are equal bands of latitude one cell edge high; each row is split into as many equal
 * columns as fit at its mid-latitude, so cells stay roughly square from the equator to the poles
 * (a polar row may be a single cell). Only occupied cells exist, in a hash map keyed by
 * {@code row << 32 | column}. A cell stores its points in parallel primitive arrays; a per-id
 * directory remembers which cell holds an id and at which slot.
 *
 * <p>Concurrency: every cell has its own {@link StampedLock}; there is no global lock. An update
 * write-locks the one or two cells it touches (two are locked in key order) and a query
 * read-locks one cell at a time while scanning it. Consistency given:
 * <ul>
 *   <li>updates of one id are linearizable; after all updates finish the index holds exactly
 *       the last position of every id that was not removed, and {@link #size()} is exact;</li>
 *   <li>a query sees each cell atomically, so every point it reports has a position that
 *       was really written, with its true distance;</li>
 *   <li>a point that moves to another cell while a query runs may be reported at its old or
 *       its new position, or missed, but never twice; otherwise the answer is exact: the same
 *       as a brute-force scan over the positions the query saw.</li>
 * </ul>
 * The query filter runs while a cell is read-locked: it must be cheap and must not call back
 * into this index.
 */
public final class GridIndex {

  private static final double R = GeoPoint.EARTH_RADIUS_M;
  private static final double METERS_PER_DEGREE = R * Math.PI / 180;
  /** Largest possible great-circle distance; a search that reaches it has covered the sphere. */
  private static final double HALF_CIRCUMFERENCE = Math.PI * R;
  /** Slack (metres) on every geometric bound so rounding can never exclude a qualifying point. */
  private static final double EPS_M = 1e-3;

  private static final int CHUNK_BITS = 16;
  private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;
  private static final VarHandle CELL_REF = MethodHandles.arrayElementVarHandle(Cell[].class);

  private final double cellSize;
  private final double rowHeightDeg;
  private final int[] columnsPerRow;
  private final ConcurrentHashMap<Long, Cell> cells = new ConcurrentHashMap<>();
  /** id -> (cell, slot), allocated 2^16 ids at a time so sparse or growing ids need no resize. */
  private final AtomicReferenceArray<Chunk> directory =
      new AtomicReferenceArray<>(1 << (Integer.SIZE - 1 - CHUNK_BITS));
  private final AtomicInteger size = new AtomicInteger();
  /** Bumped by every search; cells remember it at each arrival (see Search#scan). */
  private final AtomicLong queryEpoch = new AtomicLong();

  /**
   * cellSizeMeters: edge of a grid cell (e.g. 1000), between 10 m and 1000 km. Searches are
   * fastest when a cell holds a few dozen points; the grid costs 4 bytes per row up front
   * (80 KB at 1 km).
   */
  public GridIndex(double cellSizeMeters) {
    if (!(cellSizeMeters >= 10 && cellSizeMeters <= 1_000_000)) {
      throw new IllegalArgumentException("cell size out of range [10, 1e6] m: " + cellSizeMeters);
    }
    cellSize = cellSizeMeters;
    rowHeightDeg = cellSizeMeters / METERS_PER_DEGREE;
    columnsPerRow = new int[(int) Math.ceil(180 / rowHeightDeg)];
    for (int row = 0; row < columnsPerRow.length; row++) {
      double midLat = Math.min(90, -90 + (row + 0.5) * rowHeightDeg);
      double circumferenceDeg = 360 * Math.cos(Math.toRadians(midLat));
      columnsPerRow[row] = Math.max(1, (int) (circumferenceDeg / rowHeightDeg));
    }
  }

  /**
   * Insert or move point {@code id} (a dense non-negative int handle). O(1) amortised; moving
   * within the same cell touches only that point.
   */
  public void upsert(int id, double lat, double lon) {
    checkId(id);
    checkCoordinates(lat, lon);
    int row = rowOf(lat);
    long key = cellKey(row, columnOf(row, lon));
    double latRad = Math.toRadians(lat);
    double lonRad = Math.toRadians(lon);
    double x = Math.cos(latRad) * Math.cos(lonRad);
    double y = Math.cos(latRad) * Math.sin(lonRad);
    double z = Math.sin(latRad);
    Chunk chunk = chunkOf(id, true);
    int at = id & CHUNK_MASK;
    while (true) {
      Cell from = (Cell) CELL_REF.getAcquire(chunk.cells, at);
      if (from != null && from.key == key) {
        long stamp = from.lock.writeLock();
        try {
          // the id can only leave `from` under this lock, so this check is stable
          if (chunk.cells[at] == from) {
            from.set(chunk.slots[at], x, y, z, lat, lon);
            return;
          }
        } finally {
          from.lock.unlockWrite(stamp);
        }
        continue;
      }
      Cell to = cells.computeIfAbsent(key, Cell::new);
      if (from == null ? insert(chunk, at, id, to, x, y, z, lat, lon)
          : move(chunk, at, id, from, to, x, y, z, lat, lon)) {
        return;
      }
    }
  }

  private boolean insert(Chunk chunk, int at, int id, Cell to,
                         double x, double y, double z, double lat, double lon) {
    long stamp = to.lock.writeLock();
    try {
      if (to.dead) {
        return false;
      }
      // the CAS settles races between two inserts of the same id into different cells
      if (!CELL_REF.compareAndSet(chunk.cells, at, (Cell) null, to)) {
        unmapIfEmpty(to);
        return false;
      }
      arrive(chunk, at, id, to, x, y, z, lat, lon);
      size.incrementAndGet();
      return true;
    } finally {
      to.lock.unlockWrite(stamp);
    }
  }

  private boolean move(Chunk chunk, int at, int id, Cell from, Cell to,
                       double x, double y, double z, double lat, double lon) {
    Cell first = from.key < to.key ? from : to;
    Cell second = first == from ? to : from;
    long firstStamp = first.lock.writeLock();
    long secondStamp = second.lock.writeLock();
    try {
      if (to.dead) {
        return false;
      }
      if (chunk.cells[at] != from) {
        unmapIfEmpty(to);
        return false;
      }
      removeFromCell(from, chunk.slots[at]);
      arrive(chunk, at, id, to, x, y, z, lat, lon);
      CELL_REF.setRelease(chunk.cells, at, to);
      return true;
    } finally {
      second.lock.unlockWrite(secondStamp);
      first.lock.unlockWrite(firstStamp);
    }
  }

  /** Caller holds the cell's write lock. */
  private void arrive(Chunk chunk, int at, int id, Cell to,
                      double x, double y, double z, double lat, double lon) {
    chunk.slots[at] = to.add(id, x, y, z, lat, lon);
    to.arrivalEpoch = queryEpoch.get();
  }

  public void remove(int id) {
    checkId(id);
    Chunk chunk = chunkOf(id, false);
    if (chunk == null) {
      return;
    }
    int at = id & CHUNK_MASK;
    while (true) {
      Cell from = (Cell) CELL_REF.getAcquire(chunk.cells, at);
      if (from == null) {
        return;
      }
      long stamp = from.lock.writeLock();
      try {
        if (chunk.cells[at] == from) {
          removeFromCell(from, chunk.slots[at]);
          CELL_REF.setRelease(chunk.cells, at, (Cell) null);
          size.decrementAndGet();
          return;
        }
      } finally {
        from.lock.unlockWrite(stamp);
      }
    }
  }

  /** Caller holds the cell's write lock. */
  private void removeFromCell(Cell cell, int slot) {
    int movedId = cell.removeAt(slot);
    if (movedId >= 0) {
      chunkOf(movedId, false).slots[movedId & CHUNK_MASK] = slot;
    }
    unmapIfEmpty(cell);
  }

  /** Caller holds the cell's write lock. Empty cells leave the map, so empty areas cost nothing. */
  private void unmapIfEmpty(Cell cell) {
    if (cell.count == 0) {
      cell.dead = true;
      cells.remove(cell.key, cell);
    }
  }

  public boolean contains(int id) {
    checkId(id);
    Chunk chunk = chunkOf(id, false);
    return chunk != null && CELL_REF.getAcquire(chunk.cells, id & CHUNK_MASK) != null;
  }

  public int size() {
    return size.get();
  }

  /** Number of non-empty cells (the map holds no others). */
  public int occupiedCells() {
    return cells.size();
  }

  /**
   * k nearest points within maxRadiusMeters of (lat,lon) whose id passes {@code filter} (may be
   * null = all), nearest first; equal distances are ordered by id. Writes ids to outIds and
   * great-circle distances (metres, as {@link GeoPoint#distanceMeters}) to outDistances; returns
   * how many were written (&lt;= k). The filter runs under a cell's read lock: keep it cheap and
   * do not call back into this index from it.
   */
  public int nearest(double lat, double lon, double maxRadiusMeters, int k, IntPredicate filter,
                     int[] outIds, double[] outDistances) {
    checkCoordinates(lat, lon);
    if (!(maxRadiusMeters >= 0)) {
      throw new IllegalArgumentException("negative or NaN radius: " + maxRadiusMeters);
    }
    if (k < 0 || outIds.length < k || outDistances.length < k) {
      throw new IllegalArgumentException("k=" + k + " does not fit the output arrays");
    }
    if (k == 0) {
      return 0;
    }
    return new Search(lat, lon, maxRadiusMeters, k, filter, outIds, outDistances).run();
  }

  /** {south, north, west, east} of the cell holding (lat, lon), in degrees; for tests. */
  double[] cellBounds(double lat, double lon) {
    checkCoordinates(lat, lon);
    int row = rowOf(lat);
    double width = 360.0 / columnsPerRow[row];
    double south = -90 + row * rowHeightDeg;
    double west = -180 + columnOf(row, lon) * width;
    return new double[] {south, Math.min(90, south + rowHeightDeg), west, west + width};
  }

  private int rowOf(double lat) {
    return Math.min(columnsPerRow.length - 1, (int) Math.floor((lat + 90) / rowHeightDeg));
  }

  private int columnOf(int row, double lon) {
    int columns = columnsPerRow[row];
    return Math.floorMod((int) Math.floor((lon + 180) / (360.0 / columns)), columns);
  }

  private static long cellKey(int row, int column) {
    return (long) row << 32 | column;
  }

  /** Great-circle lower bound (radians) from a latitude to a row's band of latitude. */
  private double latitudeGap(int row, double lat) {
    double south = -90 + row * rowHeightDeg;
    double north = Math.min(90, south + rowHeightDeg);
    return Math.toRadians(Math.max(0, Math.max(south - lat, lat - north)));
  }

  private Chunk chunkOf(int id, boolean create) {
    int index = id >>> CHUNK_BITS;
    Chunk chunk = directory.get(index);
    if (chunk == null && create) {
      directory.compareAndSet(index, null, new Chunk());
      chunk = directory.get(index);
    }
    return chunk;
  }

  private static void checkId(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("negative id: " + id);
    }
  }

  private static void checkCoordinates(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("coordinates out of range: " + lat + "," + lon);
    }
  }

  /**
   * One k-nearest search by expanding rings of cells. The best k so far form a max-heap (worst
   * at the root) in the caller's arrays, sorted nearest-first when the search ends.
   */
  private final class Search {
    private final double lat;
    private final double lon;
    private final double maxRadius;
    private final int k;
    private final IntPredicate filter;
    private final int[] ids;
    private final double[] distances;
    private final long epoch;
    private final double cosLat;
    private final double qx;
    private final double qy;
    private final double qz;
    private int found;
    /** Squared chord (unit sphere) beyond which a point cannot beat the current limit. */
    private double chordSqLimit;
    private int probes;

    Search(double lat, double lon, double maxRadius, int k, IntPredicate filter, int[] ids,
           double[] distances) {
      this.lat = lat;
      this.lon = lon;
      this.maxRadius = maxRadius;
      this.k = k;
      this.filter = filter;
      this.ids = ids;
      this.distances = distances;
      epoch = queryEpoch.incrementAndGet();
      cosLat = Math.cos(Math.toRadians(lat));
      qx = cosLat * Math.cos(Math.toRadians(lon));
      qy = cosLat * Math.sin(Math.toRadians(lon));
      qz = Math.sin(Math.toRadians(lat));
      chordSqLimit = chordSq(maxRadius);
    }

    int run() {
      // Probing more empty cells than there are occupied ones costs more than scanning them all.
      int probeBudget = cells.size() + 16;
      double stopReach = Math.min(maxRadius, HALF_CIRCUMFERENCE);
      Cap covered = null;
      // Ring 0 is the query's own cell; each ring reaches one cell edge further.
      for (int ring = 0; ; ring++) {
        Cap cap = new Cap(Math.min(ring * cellSize, stopReach));
        visitNewCells(covered, cap);
        covered = cap;
        // Every point within the cap's reach has been seen now.
        if (cap.reach >= stopReach || (found == k && distances[0] <= cap.reach)) {
          break;
        }
        if (probes > probeBudget) {
          scanCellsOutside(covered);
          break;
        }
      }
      sortHeap();
      return found;
    }

    /** Visits the cells of `cap` that are not in `covered` (null: none). */
    private void visitNewCells(Cap covered, Cap cap) {
      for (int row = cap.rowLo; row <= cap.rowHi; row++) {
        double latGap = latitudeGap(row, lat);
        if (latGap * R > limit() + EPS_M) {
          continue;
        }
        int columns = columnsPerRow[row];
        if (covered == null || !covered.hasRow(row)) {
          if (cap.wholeRow(row)) {
            visitColumns(row, latGap, 0, columns - 1);
          } else {
            visitColumns(row, latGap, cap.firstColumn(row), cap.lastColumn(row));
          }
        } else if (!covered.wholeRow(row)) {
          // Column ranges only grow from ring to ring; visit what was added on either side.
          int first = covered.firstColumn(row);
          int last = covered.lastColumn(row);
          if (cap.wholeRow(row)) {
            visitColumns(row, latGap, last + 1, first + columns - 1);
          } else {
            visitColumns(row, latGap, cap.firstColumn(row), first - 1);
            visitColumns(row, latGap, last + 1, cap.lastColumn(row));
          }
        }
      }
    }

    /** Columns may run past either end of the row; they wrap around the antimeridian. */
    private void visitColumns(int row, double latGap, int from, int to) {
      int columns = columnsPerRow[row];
      for (int column = from; column <= to; column++) {
        int wrapped = Math.floorMod(column, columns);
        if (lowerBound(row, latGap, wrapped) <= limit() + EPS_M) {
          probes++;
          Cell cell = cells.get(cellKey(row, wrapped));
          if (cell != null) {
            scan(cell);
          }
        }
      }
    }

    private void scanCellsOutside(Cap covered) {
      for (Cell cell : cells.values()) {
        int row = (int) (cell.key >>> 32);
        int column = (int) cell.key;
        if (!covered.contains(row, column)
            && lowerBound(row, latitudeGap(row, lat), column) <= limit() + EPS_M) {
          scan(cell);
        }
      }
    }

    /**
     * Lower bound (metres) on the distance to any point of a cell: the larger of the latitude gap
     * and the distance to the great circle of the cell's nearer meridian edge.
     */
    private double lowerBound(int row, double latGap, int column) {
      double width = 360.0 / columnsPerRow[row];
      double east = (-180 + column * width - lon) % 360;
      if (east < 0) {
        east += 360;
      }
      double lonGap = east + width >= 360 ? 0 : Math.min(east, 360 - east - width);
      double meridianGap =
          lonGap >= 90 ? 0 : Math.asin(cosLat * Math.sin(Math.toRadians(lonGap)));
      return R * Math.max(latGap, meridianGap);
    }

    private void scan(Cell cell) {
      long stamp = cell.lock.readLock();
      try {
        // Only a point that arrived after this search began can have been seen in another cell.
        boolean mayRepeat = cell.arrivalEpoch >= epoch;
        double[] coords = cell.coords;
        int[] cellIds = cell.ids;
        for (int i = 0, n = cell.count; i < n; i++) {
          int c = Cell.STRIDE * i;
          double dx = coords[c] - qx;
          double dy = coords[c + 1] - qy;
          double dz = coords[c + 2] - qz;
          // cheap chord test first; the exact haversine only for points that can still qualify
          if (dx * dx + dy * dy + dz * dz > chordSqLimit) {
            continue;
          }
          int id = cellIds[i];
          if (filter != null && !filter.test(id)) {
            continue;
          }
          double d = GeoPoint.distanceMeters(lat, lon, coords[c + 3], coords[c + 4]);
          if (d <= maxRadius && (found < k || precedes(d, id, distances[0], ids[0]))
              && !(mayRepeat && seen(id))) {
            offer(id, d);
          }
        }
      } finally {
        cell.lock.unlockRead(stamp);
      }
    }

    private boolean seen(int id) {
      for (int i = 0; i < found; i++) {
        if (ids[i] == id) {
          return true;
        }
      }
      return false;
    }

    private void offer(int id, double d) {
      if (found < k) {
        siftUp(found++, id, d);
      } else {
        siftDown(0, id, d, k);
      }
      if (found == k) {
        chordSqLimit = chordSq(distances[0]);
      }
    }

    private void siftUp(int pos, int id, double d) {
      while (pos > 0) {
        int parent = (pos - 1) >>> 1;
        if (!precedes(distances[parent], ids[parent], d, id)) {
          break;
        }
        distances[pos] = distances[parent];
        ids[pos] = ids[parent];
        pos = parent;
      }
      distances[pos] = d;
      ids[pos] = id;
    }

    private void siftDown(int pos, int id, double d, int size) {
      while (true) {
        int child = 2 * pos + 1;
        if (child >= size) {
          break;
        }
        int right = child + 1;
        if (right < size && precedes(distances[child], ids[child], distances[right], ids[right])) {
          child = right;
        }
        if (!precedes(d, id, distances[child], ids[child])) {
          break;
        }
        distances[pos] = distances[child];
        ids[pos] = ids[child];
        pos = child;
      }
      distances[pos] = d;
      ids[pos] = id;
    }

    /** Heap-sort: moving the worst to the end repeatedly leaves the arrays nearest-first. */
    private void sortHeap() {
      for (int end = found - 1; end > 0; end--) {
        int id = ids[end];
        double d = distances[end];
        ids[end] = ids[0];
        distances[end] = distances[0];
        siftDown(0, id, d, end);
      }
    }

    private double limit() {
      return found == k ? distances[0] : maxRadius;
    }

    /**
     * The cells that may hold points within `reach` of the query: rows by latitude, columns by
     * the cap's half-width in longitude. Widened by EPS_M so rounding never drops a cell.
     */
    private final class Cap {
      final double reach;
      final int rowLo;
      final int rowHi;
      final double lonReach;

      Cap(double reach) {
        this.reach = reach;
        double angle = (reach + EPS_M) / R;
        rowLo = rowOf(Math.max(-90, lat - Math.toDegrees(angle)));
        rowHi = rowOf(Math.min(90, lat + Math.toDegrees(angle)));
        if (angle >= Math.PI / 2) {
          lonReach = 180;
        } else {
          // the widest longitude offset within the cap; none if the cap holds a pole
          double sin = Math.sin(angle) / cosLat;
          lonReach = sin >= 1 ? 180 : Math.toDegrees(Math.asin(sin));
        }
      }

      boolean hasRow(int row) {
        return row >= rowLo && row <= rowHi;
      }

      /** First and last column, unwrapped: may lie outside [0, columns). */
      int firstColumn(int row) {
        return (int) Math.floor((lon - lonReach + 180) / (360.0 / columnsPerRow[row]));
      }

      int lastColumn(int row) {
        return (int) Math.floor((lon + lonReach + 180) / (360.0 / columnsPerRow[row]));
      }

      boolean wholeRow(int row) {
        return lonReach >= 180 || lastColumn(row) - firstColumn(row) + 1 >= columnsPerRow[row];
      }

      boolean contains(int row, int column) {
        if (!hasRow(row)) {
          return false;
        }
        int first = firstColumn(row);
        return wholeRow(row)
            || Math.floorMod(column - first, columnsPerRow[row]) <= lastColumn(row) - first;
      }
    }
  }

  private static boolean precedes(double d, int id, double otherD, int otherId) {
    return d < otherD || (d == otherD && id < otherId);
  }

  private static double chordSq(double meters) {
    double halfAngle = (meters + EPS_M) / (2 * R);
    if (halfAngle >= Math.PI / 2) {
      return Double.POSITIVE_INFINITY;
    }
    double chord = 2 * Math.sin(halfAngle);
    return chord * chord;
  }

  /** The points of one cell in parallel arrays; all fields are guarded by {@link #lock}. */
  private static final class Cell {
    /** Most cells of a sparse area hold one to three points. */
    private static final int INITIAL_CAPACITY = 2;
    /** Per point: the unit vector (x, y, z) for the chord pre-test, then lat, lon as given. */
    static final int STRIDE = 5;

    final long key;
    final StampedLock lock = new StampedLock();
    int count;
    int[] ids = new int[INITIAL_CAPACITY];
    double[] coords = new double[STRIDE * INITIAL_CAPACITY];
    /** Emptied and unmapped; writers that fetched it before that must fetch again. */
    boolean dead;
    /** {@code queryEpoch} at the latest insert or move into this cell. */
    long arrivalEpoch;

    Cell(long key) {
      this.key = key;
    }

    int add(int id, double x, double y, double z, double lat, double lon) {
      if (count == ids.length) {
        resize(count + (count >> 1));
      }
      ids[count] = id;
      set(count, x, y, z, lat, lon);
      return count++;
    }

    void set(int slot, double x, double y, double z, double lat, double lon) {
      int c = STRIDE * slot;
      coords[c] = x;
      coords[c + 1] = y;
      coords[c + 2] = z;
      coords[c + 3] = lat;
      coords[c + 4] = lon;
    }

    /** Fills the slot with the last point; returns that point's id, or -1 if the slot was last. */
    int removeAt(int slot) {
      int last = --count;
      int moved = -1;
      if (slot != last) {
        moved = ids[last];
        ids[slot] = moved;
        System.arraycopy(coords, STRIDE * last, coords, STRIDE * slot, STRIDE);
      }
      // give memory back after crowds disperse, with hysteresis against add/remove flapping
      if (ids.length > 8 && count <= ids.length / 4) {
        resize(ids.length / 2);
      }
      return moved;
    }

    private void resize(int capacity) {
      ids = Arrays.copyOf(ids, capacity);
      coords = Arrays.copyOf(coords, STRIDE * capacity);
    }
  }

  /** Directory for 2^16 consecutive ids. A slot is guarded by the lock of the cell the id is in. */
  private static final class Chunk {
    final Cell[] cells = new Cell[1 << CHUNK_BITS];
    final int[] slots = new int[1 << CHUNK_BITS];
  }
}
