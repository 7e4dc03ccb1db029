// Deciding which units carry a label, and where, so that no label is printed over another. Picked and hovered units
// always carry one; flagged ones next, each where it covers no other label, no flagged unit and not the threat
// (beside its symbol, else a little further off with a line back to it); the others, most urgent and nearest the
// threat first, only where the label would cover nothing at all: no label, no unit's symbol and no name of the site
// plan at the current zoom. A unit labelled last time goes before one that was not, so labels do not hop between
// neighbours as units move. Boxes are [left, top, right, bottom] in the map's layer pixels.

const cellPx = 64;

/** What a unit's label is owed: always shown, shown where it overprints nothing that matters, or only where room is free. */
export const Claim = Object.freeze({ always: 2, flagged: 1, spare: 0 });

export class Room {
  constructor() {
    this.cells = new Map();
  }

  key(cx, cy) {
    return cx * 73856093 ^ cy * 19349663;
  }

  /** Takes a box for its owner; a hard box (a label, a flagged unit, the threat) is one no flagged label may cover. */
  take(box, owner, hard = false) {
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        const k = this.key(cx, cy);
        const cell = this.cells.get(k);
        if (cell) cell.push(box, owner, hard); else this.cells.set(k, [box, owner, hard]);
      }
    }
  }

  /** True when no box taken by anyone but the owner overlaps this one (only hard boxes count when hardOnly). */
  free(box, owner, hardOnly = false) {
    return !this.overlapping(box, owner, hardOnly, () => true);
  }

  /** How many square pixels of this box the boxes taken by anyone but the owner hide, where they overlap counted once. */
  hidden(box, owner) {
    const over = [];
    this.overlapping(box, owner, false, b => {
      if (!over.includes(b)) over.push(b);
      return false;
    });
    return unionArea(over, box);
  }

  /**
   * Hands each box taken by anyone but the owner that overlaps this one (hard ones only when hardOnly) to see, cell by
   * cell, until see answers true; answers whether it did. A box spanning several cells is handed once for each.
   */
  overlapping(box, owner, hardOnly, see) {
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (!cell) continue;
        for (let i = 0; i < cell.length; i += 3) {
          const b = cell[i];
          if (cell[i + 1] !== owner && (cell[i + 2] || !hardOnly) && b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3] && see(b)) return true;
        }
      }
    }
    return false;
  }
}

/** The area of the union of the boxes within the given box: strip by strip between their left and right edges. */
function unionArea(boxes, within) {
  const clipped = boxes.map(b => [Math.max(b[0], within[0]), Math.max(b[1], within[1]), Math.min(b[2], within[2]), Math.min(b[3], within[3])]);
  const xs = [...new Set(clipped.flatMap(b => [b[0], b[2]]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const spans = clipped.filter(b => b[0] <= xs[i] && b[2] >= xs[i + 1]).map(b => [b[1], b[3]]).sort((a, b) => a[0] - b[0]);
    let [reach, covered] = [-Infinity, 0];
    for (const [top, bottom] of spans) {
      if (bottom <= reach) continue;
      covered += bottom - Math.max(top, reach);
      reach = bottom;
    }
    area += covered * (xs[i + 1] - xs[i]);
  }
  return area;
}

/**
 * Places the labels of the given entries (each with x, y, size, look and label size lw × lh); sets entry.label to
 * { x, y, w, h, leader } or null. claim(entry) says what its label is owed (Claim); obstacles are boxes no label
 * should cover where another spot is free (the site plan's names); held are boxes none may cover but one always
 * shown (the threat and its label); view is the map's visible box, which a label stays inside where it can: a unit at
 * the map's edge had its name cut off there ("ommand 1"), though there was room on its other side.
 */
export function placeLabels(entries, claim, obstacles = [], held = [], view = null) {
  const room = new Room();
  for (const box of obstacles) room.take(box, null);
  for (const box of held) room.take(box, null, true);
  const order = entries.map(e => ({ e, owed: claim(e), key: priority(e) }));
  for (const { e, owed } of order) room.take(symbolBox(e), e, owed > Claim.spare);
  order.sort((a, b) => b.owed - a.owed || a.key - b.key);
  const shown = box => !view || (box[0] >= view[0] && box[1] >= view[1] && box[2] <= view[2] && box[3] <= view[3]);
  for (const { e, owed } of order) {
    // Only a label owed a place stands off its symbol: the others' lines would clutter the map.
    const spots = owed > Claim.spare ? candidates(e) : candidates(e).slice(0, nearSpots);
    let i = spots.findIndex(box => shown(box) && room.free(box, e));
    if (i < 0 && owed >= Claim.flagged) i = spots.findIndex(box => shown(box) && room.free(box, e, true));
    // A flagged unit on the map has no label put partly off it where no spot on it is free: by the map's edge it read
    // "Pa…" and "⚠ A…". It gives way, as it does to another flagged label; the halo, the board and the flag list
    // still name the unit, and a pan brings the label back. One off the map keeps its label beside it, for the pan.
    if (i < 0 && owed >= Claim.flagged && !shown([e.x, e.y, e.x, e.y])) i = spots.findIndex(box => room.free(box, e, true));
    if (i < 0 && owed === Claim.always) i = Math.max(0, spots.findIndex(shown));
    const spot = spots[i];
    e.label = spot ? { x: spot[0], y: spot[1], w: spot[2] - spot[0], h: spot[3] - spot[1], leader: i >= nearSpots, ...e.labelSize } : null;
    if (spot) room.take(spot, e, true);
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

/** Spots beside the symbol; those after them stand off and are joined to it by a line. */
const nearSpots = 8;

/**
 * Below the symbol first (as a reader expects), then above, right, left and the four corners; then the same one,
 * two and three label heights (or half widths) further off, so that a unit crowded against the map's edge finds a
 * spot on the map.
 */
function candidates(e) {
  const { lw: w, lh: h } = e.labelSize;
  const gap = e.size * 0.55 + 2;
  const side = gap + 2;
  const box = (left, top) => [left, top, left + w, top + h];
  const spots = [];
  for (const far of [0, 1, 2, 3]) {
    const down = gap + (far * h);
    const across = side + (far * w / 2);
    spots.push(
      box(e.x - w / 2, e.y + down),
      box(e.x - w / 2, e.y - down - h),
      box(e.x + across, e.y - h / 2),
      box(e.x - across - w, e.y - h / 2),
      box(e.x + side, e.y + down),
      box(e.x - side - w, e.y + down),
      box(e.x + side, e.y - down - h),
      box(e.x - side - w, e.y - down - h),
    );
  }
  return spots;
}
