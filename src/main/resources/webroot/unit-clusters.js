// Grid clustering of map markers, small enough not to need a plugin: Leaflet has none built in,
// and the console loads nothing from outside.

/**
 * Groups points by the cell of a square grid (cellPx wide, in the map's pixel space at one zoom)
 * they fall in. items are {id, x, y}; a cell with at least minSize points becomes a group
 * {key, ids}, the points of the other cells stay singles (their ids).
 */
export function gridClusters(items, cellPx, minSize) {
  const cells = new Map();
  for (const item of items) {
    const key = `${Math.floor(item.x / cellPx)}:${Math.floor(item.y / cellPx)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(item.id);
  }
  const singles = [];
  const groups = [];
  for (const [key, ids] of cells) {
    if (ids.length >= minSize) groups.push({ key, ids });
    else singles.push(...ids);
  }
  return { singles, groups };
}
