// Where each drawn unit's paint lies (symbol, label, trail and ring), by grid cell, so a change repaints only the
// units it touches. Boxes are [left, top, right, bottom] in the map's layer pixels.

const cellPx = 128;

export class Footprints {
  constructor() {
    this.cells = new Map();
  }

  clear() {
    this.cells.clear();
  }

  put(e, box) {
    this.remove(e);
    e.box = box;
    e.cells = [];
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        const k = `${cx},${cy}`;
        let cell = this.cells.get(k);
        if (!cell) this.cells.set(k, cell = new Set());
        cell.add(e);
        e.cells.push(cell);
      }
    }
  }

  remove(e) {
    for (const cell of e.cells ?? []) cell.delete(e);
    e.cells = null;
  }

  /** Adds to found every unit whose paint overlaps the box. */
  query(box, found) {
    for (let cx = Math.floor(box[0] / cellPx); cx <= Math.floor(box[2] / cellPx); cx++) {
      for (let cy = Math.floor(box[1] / cellPx); cy <= Math.floor(box[3] / cellPx); cy++) {
        for (const e of this.cells.get(`${cx},${cy}`) ?? []) {
          const b = e.box;
          if (b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]) found.add(e);
        }
      }
    }
  }
}

export function union(a, b) {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function area(box) {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}
