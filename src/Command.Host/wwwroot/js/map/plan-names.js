// Where the site plan's names go, so that a commander can read every zone's. A name sits where its area's kind puts it
// (the hot and warm zones' at their top edge, a building's below it, the others' in the middle) unless another name, a
// unit's symbol or the threat is there: then at another edge or corner of its area, inside or just outside it. Where no
// spot is clear, a zone keeps its kind word alone ("WARM", its name in its panel) and a building's name is left out;
// zones go before buildings and the hot zone first, so the lesser gives way ("W/PERIMETER" read where WARM and the
// perimeter post's name were printed one over the other). Units matter more: their symbols stay on top, and the names
// are placed again around them as they move, each staying where it is while its spot is clear, so names do not hop.
// Where units crowd round a zone so that no spot is clear of them, its name goes where they hide least of it, and never
// under the threat's marker where another spot is: the marker is drawn over names and is wider than a small hot zone,
// so "HOT" put at its home there was hidden whole.
// Boxes are [left, top, right, bottom] in the map's layer pixels.
import * as L from './leaflet.js';
import { Room } from './label-room.js';

/** The order zones are named in: the first have the first choice of spots. Buildings come after every zone. */
const kindRank = { hot: 0, warm: 1, casualtyCollection: 2, staging: 3, cold: 4, perimeter: 5 };
const buildingRank = 9;

// How far inside the map's edge a name is kept, and how far from its area's edge (as Leaflet hung it before), in pixels.
const edgePx = 4;
const padPx = 6;
// Where units hide part of every spot, a name stays at its spot until another would show this share of it more.
const stayShare = 0.25;

export class PlanNames {
  constructor(map) {
    this.map = map;
    this.clear();
  }

  clear() {
    this.names = [];
    this.measuredAt = null;
    this.boxes = [];
  }

  /** A zone's name (kind set) or a building's, on tooltip tip, for an area of the given bounds. */
  add(tip, bounds, kind = null) {
    const home = kind == null ? 'below' : kind === 'hot' || kind === 'warm' ? 'top' : 'middle';
    this.names.push({ tip, bounds, home, rank: kind == null ? buildingRank : kindRank[kind] ?? kindRank.perimeter, placed: null, look: '' });
    this.names.sort((a, b) => a.rank - b.rank);
    this.measuredAt = null;
  }

  /**
   * Places every name clear of the given boxes (units' symbols; the threat's marker and label, which no name goes under
   * where another spot is) where it can; answers where they went.
   */
  arrange(symbols, threats = []) {
    this.measure();
    const room = new Room();
    for (const box of symbols) room.take(box, null);
    for (const box of threats) room.take(box, null, true);
    const view = this.view();
    this.boxes = [];
    for (const name of this.names) {
      // Where Leaflet has the name now (it puts it again after a zoom or a view reset), and its margins.
      const at = name.size && L.DomUtil.getPosition(name.tip.getElement());
      if (at) name.at = { x: at.x + name.size.dx, y: at.y + name.size.dy };
      name.placed = at && meets(name.area, view) ? place(name, room, view) : null;
      if (name.placed) {
        room.take(name.placed.box, name, true);
        this.boxes.push(name.placed.box);
      }
      show(name);
    }
    return this.boxes;
  }

  /**
   * Reads each name's size, and how far its box lies from where Leaflet put it, once for each zoom, view size and
   * plan: a pan leaves names where they were in layer pixels, and units moving change neither.
   */
  measure() {
    const at = `${this.map.getZoom()}|${this.map.getPixelOrigin()}|${this.map.getSize()}`;
    if (at === this.measuredAt) return;
    this.measuredAt = at;
    const elements = this.names.map(name => name.tip.getElement());
    for (const [i, el] of elements.entries()) {
      this.names[i].look = '|false|false';
      if (!el) continue;
      el.classList.remove('kind-only', 'crowded');
      el.style.translate = '';
    }
    const origin = this.map.getContainer().getBoundingClientRect();
    for (const [i, el] of elements.entries()) {
      const name = this.names[i];
      const box = el?.isConnected ? el.getBoundingClientRect() : null;
      name.size = null;
      if (!box?.width) continue;
      const shown = this.map.containerPointToLayerPoint([box.left - origin.left, box.top - origin.top]);
      const put = L.DomUtil.getPosition(el);
      const kind = name.rank < buildingRank ? el.querySelector('b')?.getBoundingClientRect().width : 0;
      name.size = { dx: shown.x - put.x, dy: shown.y - put.y, w: box.width, h: box.height, kindW: kind ?? 0 };
      const nw = this.map.latLngToLayerPoint(name.bounds.getNorthWest());
      const se = this.map.latLngToLayerPoint(name.bounds.getSouthEast());
      name.area = [nw.x, nw.y, se.x, se.y];
    }
  }

  /** The map's visible box less its edge, in layer pixels. */
  view() {
    const size = this.map.getSize();
    const topLeft = this.map.containerPointToLayerPoint([0, 0]);
    return [topLeft.x + edgePx, topLeft.y + edgePx, topLeft.x + size.x - edgePx, topLeft.y + size.y - edgePx];
  }
}

/**
 * The spot a name takes: its whole text clear of everything (the spot it held first, then in order), else its kind
 * word alone so; else its kind word (a building's name) clear of the other names and the threat where the units'
 * symbols hide least of it (the spot it held while that hides little more), else a zone's at its home.
 */
function place(name, room, view) {
  const { w, kindW } = name.size;
  const forms = kindW && kindW < w - 1 ? [w, kindW] : [w];
  for (const [form, width] of forms.entries()) {
    const boxes = spots(name, width, view);
    const held = name.placed?.form === form ? name.placed.at : -1;
    if (held >= 0 && room.free(boxes[held], name)) return { box: boxes[held], form, at: held };
    const at = boxes.findIndex(box => room.free(box, name));
    if (at >= 0) return { box: boxes[at], form, at };
  }
  const form = forms.length - 1;
  const boxes = spots(name, forms[form], view);
  const hidden = boxes.map(box => (room.free(box, name, true) ? room.hidden(box, name) : Infinity));
  const least = Math.min(...hidden);
  const was = name.placed?.form === form ? name.placed.at : -1;
  const at = was >= 0 && hidden[was] <= least + (forms[form] * name.size.h * stayShare) ? was : hidden.indexOf(least);
  if (least < Infinity) return { box: boxes[at], form, at };
  return name.rank < buildingRank ? { box: boxes[0], form, at: 0 } : null;
}

/**
 * Where a name w pixels wide may go: its home first, then along its area's edges and at its corners, inside, then
 * outside, then a line further out.
 */
function spots(name, w, view) {
  const [l, t, r, b] = name.area;
  const h = name.size.h;
  const [mx, my] = [(l + r - w) / 2, (t + b - h) / 2];
  const [top, bottom, left, right] = [t + padPx, b - padPx - h, l + padPx, r - padPx - w];
  const [above, below, after, before] = [t - padPx - h, b + padPx, r + padPx, l - padPx - w];
  const home = { top: [[mx, top], [mx, my]], middle: [[mx, my], [mx, top]], below: [[mx, below], [mx, above]] }[name.home];
  return [
    ...home,
    [mx, bottom], [left, top], [right, top], [left, bottom], [right, bottom], [left, my], [right, my],
    [mx, below], [mx, above], [l, below], [r - w, below], [l, above], [r - w, above], [after, my], [before, my],
    [after, below], [before, below], [after, above], [before, above], [mx, below + h], [mx, above - h],
  ].map(([x, y]) => whole(within([x, y, x + w, y + h], view), name.at));
}

/** The box moved by whole pixels from where Leaflet put the name, so it lands where it was placed. */
function whole(box, from) {
  const [dx, dy] = [Math.round(box[0] - from.x) + from.x - box[0], Math.round(box[1] - from.y) + from.y - box[1]];
  return [box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy];
}

/** The box moved to lie inside the view where it would run off it. */
function within(box, view) {
  const dx = Math.max(0, view[0] - box[0]) || -Math.max(0, box[2] - view[2]);
  const dy = Math.max(0, view[1] - box[1]) || -Math.max(0, box[3] - view[3]);
  return [box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy];
}

function meets(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Moves the name's element to its spot, kind word alone or left out as placed; touches the page only on a change. */
function show(name) {
  const p = name.placed;
  const translate = p ? `${Math.round(p.box[0] - name.at.x)}px ${Math.round(p.box[1] - name.at.y)}px` : '';
  const kindOnly = p?.form === 1;
  const crowded = !p && Boolean(name.size) && name.rank === buildingRank;
  const look = `${translate}|${kindOnly}|${crowded}`;
  if (look === name.look) return;
  name.look = look;
  const el = name.tip.getElement();
  if (!el) return;
  el.style.translate = translate;
  el.classList.toggle('kind-only', kindOnly);
  el.classList.toggle('crowded', crowded);
}
