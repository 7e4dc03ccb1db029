// Units on the map, painted on one canvas: a shape per role, a colour and mark for the state, a halo for a flag,
// a heading arrow, a short trail and the accuracy ring, and a label where it overprints nothing (picked and hovered
// units always; flagged ones first, and wherever they cover no other label, flagged unit or the threat). A frame repaints only the regions of the units it changed, and the units drawn there.
import { UnitCanvas, unitPane } from './unit-canvas.js';
import { unitLook, readPalette } from './unit-look.js';
import { paintUnder, paintArrows, paintSymbol, paintLabel, paintLeader } from './glyph.js';
import { placeLabels, symbolBox, Claim } from './label-room.js';
import { Footprints, union, area } from './footprints.js';
import { heading } from './heading.js';
import { remPx } from './size.js';
import { coordinate } from '../format.js';
import { shownAt } from '../picture.js';
import { distance } from '../board-order.js';
import { callsignEnds } from '../name-ends.js';

// Regions covering more of the canvas than this are repainted whole: one clear is cheaper than many clips.
const wholeShare = 0.35;

export class UnitLayer {
  constructor(map, picture, focus) {
    this.map = map;
    this.picture = picture;
    this.focus = focus;
    this.entries = new Map();
    this.footprints = new Footprints();
    this.changed = new Set();
    this.picked = new Set();
    this.hovered = null;
    this.onPick = () => {};
    /**
     * Given the boxes drawn over the map (units' symbols, and the threat's marker and label), boxes in layer pixels
     * that labels keep clear of where they can: the site plan's names, placed clear of those.
     */
    this.obstacles = () => [];
    /** Boxes in layer pixels no label may cover but one always shown, given the units' symbols: the threat's. */
    this.held = () => [];
    this.restyle();
    // Above the threat's marker (Leaflet's marker pane, 600), under tooltips and popups: officers in contact stood on
    // the threat's marker and were hidden by it, at the moment a trainer most wants to see who is in.
    map.createPane(unitPane).style.zIndex = '625';
    map.getPane(unitPane).style.pointerEvents = 'none';
    this.canvas = new UnitCanvas();
    this.canvas.onLaidOut = () => this.paintAll();
    this.canvas.addTo(map);
    picture.subscribe(change => this.update(change));
    let focused = null;
    focus.subscribe(id => { this.touch(focused, id); focused = id; });
    map.on('resize', () => {
      this.restyle();
      this.paintAll();
    });
    // Light or dark: every unit is looked at again in the page's new colours.
    document.addEventListener('themechange', () => {
      this.restyle();
      this.paintAll(true);
    });
    map.on('mousemove', e => this.hover(this.unitAt(e.layerPoint)));
    map.on('mouseout', () => this.hover(null));
    map.on('click', e => {
      const hit = this.unitAt(e.layerPoint);
      if (hit && !map.getContainer().classList.contains('placing')) this.onPick(hit.id);
    });
  }

  /** Sizes follow the page's type size (which follows the window), colours its palette. */
  restyle() {
    this.palette = readPalette();
    this.size = remPx(1.4);
    const px = remPx(0.8);
    this.text = { font: `700 ${px}px system-ui, "DejaVu Sans", sans-serif`, lineHeight: Math.round(px * 1.25), colour: this.palette.text, halo: this.palette.halo };
    // As wide as the threat's label may be: a 64-character callsign spanned the map. Its whole text shows on hover.
    this.labelMaxPx = remPx(13);
    this.measured = new Map();
    this.laidOutAt = null;
  }

  update(change) {
    if (change.reset || change.closed) {
      this.paintAll(true);
      return;
    }
    for (const id of change.units) this.changed.add(id);
    this.paint();
  }

  /** The units a replay's chart plots carry their labels too. */
  setPicked(ids) {
    const before = this.picked;
    this.picked = new Set(ids);
    this.touch(...before, ...ids);
  }

  hover(entry) {
    const id = entry?.id ?? null;
    if (id === this.hovered) return;
    const before = this.hovered;
    this.hovered = id;
    const container = this.map.getContainer();
    container.classList.toggle('over-unit', id != null);
    if (entry?.labelSize.cut) container.title = entry.unit.callsign; else container.removeAttribute('title');
    this.touch(before, id);
  }

  /** Repaints these units at the next animation frame. */
  touch(...ids) {
    for (const id of ids) if (id != null) this.changed.add(id);
    this.paintRequest ??= requestAnimationFrame(() => this.paint());
  }

  /**
   * After a pan, a zoom or a fresh snapshot (fresh): every unit placed and painted again. A snapshot
   * (a replay sought, a reconnect) may hold the same units as before at other places, or without a fix: each is located
   * anew, whether or not their number changed.
   */
  paintAll(fresh = false) {
    this.whole = true;
    for (const [id, e] of this.entries) {
      if (!this.picture.units.has(id)) this.drop(e);
    }
    // A pan leaves every unit where it was in layer pixels; a zoom or a new snapshot moves them all.
    const at = `${this.map.getZoom()}|${this.map.getPixelOrigin()}`;
    if (fresh || at !== this.laidOutAt || this.entries.size !== this.picture.units.size) {
      this.laidOutAt = at;
      for (const id of this.picture.units.keys()) this.changed.add(id);
    }
    this.paint();
  }

  paint() {
    if (this.paintRequest) {
      cancelAnimationFrame(this.paintRequest);
      this.paintRequest = null;
    }
    if (!this.canvas._map) return;
    const dirty = [];
    for (const id of this.changed) {
      const before = this.entries.get(id);
      if (before?.box) dirty.push(before.box);
      const e = this.locate(id, before);
      if (e) dirty.push(e.body);
    }
    this.changed.clear();
    const all = [...this.entries.values()];
    const labels = new Map(all.map(e => [e, e.label]));
    const symbols = all.map(symbolBox);
    const held = this.held(symbols);
    placeLabels(all, e => this.claim(e), this.obstacles(symbols, held), held, this.view());
    for (const e of all) {
      // A label that stands off is joined to its symbol by a line: what it covers reaches back to the symbol.
      if (e.label) e.label.reach = e.label.leader ? union(e.body, boxOf(e.label)) : boxOf(e.label);
      const was = labels.get(e);
      if (!e.moved && sameBox(was, e.label)) continue;
      if (was) dirty.push(was.reach);
      if (e.label) dirty.push(e.label.reach);
      this.footprints.put(e, e.label ? union(e.body, boxOf(e.label)) : e.body);
      e.moved = false;
    }
    this.repaint(dirty);
  }

  /** The map's visible box in layer pixels, [left, top, right, bottom]. */
  view() {
    const size = this.map.getSize();
    const topLeft = this.map.containerPointToLayerPoint([0, 0]);
    return [topLeft.x, topLeft.y, topLeft.x + size.x, topLeft.y + size.y];
  }

  claim(e) {
    if (e.id === this.focus.unitId || e.id === this.hovered || this.picked.has(e.id)) return Claim.always;
    return e.look.flag !== 'none' || e.look.alarm !== '' ? Claim.flagged : Claim.spare;
  }

  /** Works out where and how a unit is drawn; null (and gone from the map) when it has no fix. */
  locate(id, e) {
    const unit = this.picture.units.get(id);
    const fix = unit?.lastFix;
    if (!fix) {
      if (e) this.drop(e);
      return null;
    }
    if (!e) {
      e = { id, label: null };
      this.entries.set(id, e);
    }
    const { latitude: lat, longitude: lon } = shownAt(unit);
    const p = this.map.latLngToLayerPoint([lat, lon]);
    const trail = this.picture.trails.get(id) ?? [];
    Object.assign(e, { unit, lat, lon, x: p.x, y: p.y, size: this.size, moved: true });
    e.look = unitLook(unit, this.palette, Boolean(this.picture.closed));
    e.labelSize = this.measure(e.look);
    e.distanceM = distance(unit);
    e.headingDeg = heading(fix, trail);
    e.trail = [];
    let [left, top, right, bottom] = [p.x, p.y, p.x, p.y];
    for (const point of trail) {
      const q = this.map.latLngToLayerPoint([point[0], point[1]]);
      e.trail.push(q.x, q.y);
      [left, top, right, bottom] = [Math.min(left, q.x), Math.min(top, q.y), Math.max(right, q.x), Math.max(bottom, q.y)];
    }
    // A trail that would hide under the symbol (a unit standing still, GPS noise) is not drawn.
    e.trailShown = e.trail.length > 2 && Math.max(right - left, bottom - top) > this.size * 0.6;
    e.ringPx = (fix.accuracyM ?? 0) / metresPerPixel(lat, this.map.getZoom());
    e.body = bodyBox(e);
    return e;
  }

  drop(e) {
    this.footprints.remove(e);
    this.entries.delete(e.id);
  }

  measure(look) {
    const key = `${look.mark}|${look.callsign}|${look.tag}`;
    let size = this.measured.get(key);
    if (!size) {
      const ctx = this.canvas?.ctx ?? document.createElement('canvas').getContext('2d');
      ctx.font = this.text.font;
      const markW = look.mark ? ctx.measureText(look.mark).width + 2 : 0;
      const room = this.labelMaxPx - markW - 4;
      const text = fitText(ctx, look.callsign, room);
      const line1 = markW + ctx.measureText(text).width;
      const tagW = look.tag ? ctx.measureText(look.tag).width : 0;
      const lw = Math.ceil(Math.max(line1, tagW + 6)) + 4;
      const lh = this.text.lineHeight * (look.tag ? 2 : 1) + 2;
      size = { lw, lh, line1, markW, tagW, text, cut: text !== look.callsign };
      this.measured.set(key, size);
    }
    return size;
  }

  repaint(dirty) {
    const ctx = this.canvas.ctx;
    const whole = this.canvas.area();
    const share = dirty.reduce((sum, b) => sum + area(b), 0) / area(whole);
    if (this.whole || share > wholeShare) {
      this.whole = false;
      ctx.clearRect(whole[0], whole[1], whole[2] - whole[0], whole[3] - whole[1]);
      const found = new Set();
      this.footprints.query(whole, found);
      this.draw(found);
      return;
    }
    if (dirty.length === 0) return;
    const found = new Set();
    ctx.save();
    ctx.beginPath();
    for (const b of dirty) {
      ctx.rect(b[0] - 1, b[1] - 1, b[2] - b[0] + 2, b[3] - b[1] + 2);
      this.footprints.query([b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1], found);
    }
    ctx.clip();
    for (const b of dirty) ctx.clearRect(b[0] - 1, b[1] - 1, b[2] - b[0] + 2, b[3] - b[1] + 2);
    this.draw(found);
    ctx.restore();
  }

  /** Quiet units first, so flagged and picked ones are painted over them. */
  draw(found) {
    const ctx = this.canvas.ctx;
    const focusId = this.focus.unitId;
    const z = e => (e.id === focusId ? -2 : this.picked.has(e.id) ? -1 : 0) * 10 + e.look.rank;
    const list = [...found].sort((a, b) => z(b) - z(a));
    paintUnder(ctx, list, this.palette);
    paintArrows(ctx, list, this.palette);
    for (const e of list) paintSymbol(ctx, e, this.palette, e.id === focusId || this.picked.has(e.id));
    for (const e of list) if (e.label?.leader) paintLeader(ctx, e, this.palette);
    for (const e of list) if (e.label) paintLabel(ctx, e, this.text);
  }

  /** The unit whose symbol is under a layer point, if any. */
  unitAt(point) {
    const found = new Set();
    const r = this.size;
    this.footprints.query([point.x - r, point.y - r, point.x + r, point.y + r], found);
    let best = null;
    let bestD = this.size * 0.8;
    for (const e of found) {
      const d = Math.hypot(e.x - point.x, e.y - point.y);
      if (d < bestD) [best, bestD] = [e, d];
    }
    return best;
  }

  /** What the canvas shows of a unit, as words and numbers: for tests, benchmarks and the console. */
  drawn(id) {
    const e = this.entries.get(id);
    if (!e) return null;
    const at = this.map.layerPointToContainerPoint([e.x, e.y]);
    return {
      unitId: id, lat: coordinate(e.lat), lon: coordinate(e.lon), flag: e.unit.flag, state: e.unit.state, fill: e.look.fill, alarm: e.look.alarm || null,
      label: e.label ? `${e.look.mark}${e.labelSize.text}` : null, tag: e.label ? e.look.tag : null, x: at.x, y: at.y,
      labelBox: e.label ? [e.label.x - e.x + at.x, e.label.y - e.y + at.y, e.label.w, e.label.h] : null,
      symbolBox: [at.x - (e.size * 0.75), at.y - (e.size * 0.75), e.size * 1.5, e.size * 1.5],
    };
  }

  /** The units that carry a label now. */
  labelled() {
    return [...this.entries.values()].filter(e => e.label).map(e => e.id);
  }
}

/** Where a unit's symbol, flag halo, picked ring, heading arrow, trail and ring are painted, in whole pixels. */
function bodyBox(e) {
  const r = Math.ceil(e.size * 0.95) + 4;
  let box = [e.x - r, e.y - r, e.x + r, e.y + r];
  if (e.ringPx > e.size / 2) box = union(box, [e.x - e.ringPx - 2, e.y - e.ringPx - 2, e.x + e.ringPx + 2, e.y + e.ringPx + 2]);
  if (e.trailShown) for (let i = 0; i < e.trail.length; i += 2) box = union(box, [e.trail[i] - 3, e.trail[i + 1] - 3, e.trail[i] + 3, e.trail[i + 1] + 3]);
  return [Math.floor(box[0]), Math.floor(box[1]), Math.ceil(box[2]), Math.ceil(box[3])];
}

/**
 * The callsign, cut with an ellipsis where it is wider than room pixels: in the middle, keeping its distinguishing
 * end ("Bundespol… 124", as on the board), or at its end where even that end is too wide.
 */
function fitText(ctx, text, room) {
  if (ctx.measureText(text).width <= room) return text;
  const [lead, end] = callsignEnds(text);
  const leadChars = Array.from(lead);
  const middle = n => `${leadChars.slice(0, n).join('').trimEnd()}…${end}`;
  if (lead && ctx.measureText(middle(1)).width <= room) return longest(ctx, middle, 1, leadChars.length, room);
  const start = `${leadChars.slice(0, 3).join('')}…`;
  const endChars = Array.from(end);
  const both = n => `${start}${endChars.slice(0, n).join('').trimEnd()}…`;
  // A long end ("124 Süd-West Abschnitt") is cut at its own end, keeping the number it begins with.
  if (lead && /\d/.test(end) && ctx.measureText(both(end.search(/\d/) + 4)).width <= room) return longest(ctx, both, 1, endChars.length, room);
  const chars = Array.from(text);
  return longest(ctx, n => `${chars.slice(0, n).join('').trimEnd()}…`, 0, chars.length, room);
}

/** cut(n) for the largest n from low to high that fits room pixels (cut(low) is taken to fit). */
function longest(ctx, cut, low, high, room) {
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(cut(mid)).width <= room) low = mid; else high = mid - 1;
  }
  return cut(low);
}

function boxOf(label) {
  return [Math.floor(label.x) - 2, Math.floor(label.y) - 2, Math.ceil(label.x + label.w) + 2, Math.ceil(label.y + label.h) + 2];
}

function sameBox(a, b) {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function metresPerPixel(lat, zoom) {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}
