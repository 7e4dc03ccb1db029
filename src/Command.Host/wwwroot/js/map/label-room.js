// Deciding which units carry a label. Flagged, picked and hovered units always do; the others, most urgent and
// nearest the threat first, only where the label would cover no other label, no other unit's symbol and no name of
// the site plan at the current zoom. A unit labelled last time goes before one that was not, so labels do not hop between neighbours
// as units move. Boxes are [left, top, right, bottom] in the map's layer pixels.

const cellPx = 64;

export class Room {
  constructor() {
    this.cells = new Map();
  }

  key(cx, cy) {
    return cx * 73856093 ^ cy * 19349663;
  }

  take(box, owner) {
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        const k = this.key(cx, cy);
        const cell = this.cells.get(k);
        if (cell) cell.push(box, owner); else this.cells.set(k, [box, owner]);
      }
    }
  }

  /** True when no box taken by anyone but the owner overlaps this one. */
  free(box, owner) {
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (!cell) continue;
        for (let i = 0; i < cell.length; i += 2) {
          const b = cell[i];
          if (cell[i + 1] !== owner && b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]) return false;
        }
      }
    }
    return true;
  }
}

/**
 * Places the labels of the given entries (each with x, y, size, look and label size lw × lh); sets entry.label to
 * { x, y, w, h } or null. forced(entry) says who always carries one; obstacles are boxes no label should cover where
 * another spot is free (the site plan's names).
 */
export function placeLabels(entries, forced, obstacles = []) {
  const room = new Room();
  for (const box of obstacles) room.take(box, null);
  for (const e of entries) room.take(symbolBox(e), e);
  const order = entries.map(e => ({ e, must: forced(e), key: priority(e) }));
  order.sort((a, b) => Number(b.must) - Number(a.must) || a.key - b.key);
  for (const { e, must } of order) {
    const spots = candidates(e);
    const spot = spots.find(box => room.free(box, e)) ?? (must ? spots[0] : null);
    e.label = spot ? { x: spot[0], y: spot[1], w: spot[2] - spot[0], h: spot[3] - spot[1], ...e.labelSize } : null;
    if (spot) room.take(spot, e);
  }
}

function priority(e) {
  const distance = Math.min(e.distanceM ?? 1e6, 1e6);
  return e.look.rank * 1e8 + (e.label ? 0 : 1e7) + distance;
}

export function symbolBox(e) {
  const r = e.size * 0.75;
  return [e.x - r, e.y - r, e.x + r, e.y + r];
}

/** Below the symbol first (as a reader expects), then above, right and left. */
function candidates(e) {
  const { lw: w, lh: h } = e.labelSize;
  const gap = e.size * 0.55 + 2;
  return [
    [e.x - w / 2, e.y + gap, e.x + w / 2, e.y + gap + h],
    [e.x - w / 2, e.y - gap - h, e.x + w / 2, e.y - gap],
    [e.x + gap + 2, e.y - h / 2, e.x + gap + 2 + w, e.y + h / 2],
    [e.x - gap - 2 - w, e.y - h / 2, e.x - gap - 2, e.y + h / 2],
  ];
}
