// Painting units on the map's canvas, a batch at a time: accuracy rings and trails under everything (one path
// each for the whole batch), heading arrows, then symbols and labels. A symbol (shape, fill and flag halo) and a
// label are drawn once into a small bitmap of their own and copied from then on, which costs the page far less
// than drawing paths and text afresh for hundreds of units. Sizes are CSS pixels.
import { shapePaths } from '../symbols.js';

const paths = Object.fromEntries(Object.entries(shapePaths).map(([name, d]) => [name, new Path2D(d)]));
const bitmaps = new Map();
// Labels come and go as units move; past this many the copies are drawn afresh.
const bitmapLimit = 4000;

export function paintUnder(ctx, list, palette) {
  ctx.beginPath();
  for (const e of list) {
    if (e.ringPx <= e.size / 2) continue;
    ctx.moveTo(e.x + e.ringPx, e.y);
    ctx.arc(e.x, e.y, e.ringPx, 0, Math.PI * 2);
  }
  ctx.globalAlpha = 0.08;
  ctx.fillStyle = palette.info;
  ctx.fill();
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1;
  ctx.strokeStyle = palette.info;
  ctx.stroke();
  ctx.beginPath();
  for (const e of list) {
    if (!e.trailShown) continue;
    ctx.moveTo(e.trail[0], e.trail[1]);
    for (let i = 2; i < e.trail.length; i += 2) ctx.lineTo(e.trail[i], e.trail[i + 1]);
  }
  ctx.setLineDash([2, 4]);
  ctx.lineWidth = 2;
  ctx.globalAlpha = 0.55;
  ctx.strokeStyle = palette.text;
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** Heading arrows, a small triangle just outside each symbol pointing the way the unit is going. */
export function paintArrows(ctx, list, palette) {
  ctx.beginPath();
  for (const e of list) {
    if (e.headingDeg == null) continue;
    const a = (e.headingDeg * Math.PI) / 180;
    const [sin, cos] = [Math.sin(a), Math.cos(a)];
    const out = e.size * 0.62 + 2;
    const half = e.size * 0.2;
    ctx.moveTo(e.x + sin * (out + half * 1.4), e.y - cos * (out + half * 1.4));
    ctx.lineTo(e.x + sin * out + cos * half, e.y - cos * out + sin * half);
    ctx.lineTo(e.x + sin * out - cos * half, e.y - cos * out - sin * half);
    ctx.closePath();
  }
  ctx.fillStyle = palette.text;
  ctx.fill();
}

export function paintSymbol(ctx, e, palette, picked) {
  const look = e.look;
  if (picked) {
    ctx.beginPath();
    ctx.arc(e.x, e.y, e.size * 0.95, 0, Math.PI * 2);
    ctx.lineWidth = 4;
    ctx.strokeStyle = palette.info;
    ctx.stroke();
  }
  const key = `s|${look.shape}|${look.fill}|${look.flag}|${look.acknowledged}|${look.closed}|${Boolean(look.alarm)}|${e.size}|${palette.alert}|${palette.watch}|${palette.halo}`;
  const bitmap = bitmaps.get(key) ?? remember(key, symbolBitmap(look, e.size, palette));
  ctx.globalAlpha = look.faded ? 0.55 : 1;
  ctx.drawImage(bitmap, Math.round(e.x - bitmap.half), Math.round(e.y - bitmap.half), bitmap.side, bitmap.side);
  ctx.globalAlpha = 1;
}

/** A line from a symbol to its label where the label stands off, so it is plain whose label it is. */
export function paintLeader(ctx, e, palette) {
  const l = e.label;
  const x = Math.max(l.x, Math.min(e.x, l.x + l.w));
  const y = Math.max(l.y, Math.min(e.y, l.y + l.h));
  const d = Math.hypot(x - e.x, y - e.y);
  const from = e.size * 0.75;
  if (d <= from) return;
  ctx.beginPath();
  ctx.moveTo(e.x + ((x - e.x) * from / d), e.y + ((y - e.y) * from / d));
  ctx.lineTo(x, y);
  strokeEdged(ctx, 2, palette.text, palette.halo);
}

/**
 * Strokes the current path (or the one given) in a colour over an edge a pixel wider each side, in the halo of the
 * page's words (black on the dark page, white on the light one): it reads on any plan. A black edge on the light page
 * drew every leader and ring as a heavy black line, lost against the plan's dark outlines.
 */
function strokeEdged(ctx, width, colour, edge, path) {
  for (const [w, c] of [[width + 2, edge], [width, colour]]) {
    ctx.lineWidth = w;
    ctx.strokeStyle = c;
    if (path) ctx.stroke(path); else ctx.stroke();
  }
}

/** The state's mark and the callsign over a dark halo, and under them the flag or stale word on its colour. */
export function paintLabel(ctx, e, text) {
  const look = e.look;
  const label = e.label;
  const key = `l|${look.mark}|${look.markColour}|${look.callsign}|${look.tag}|${look.tagBack}|${look.tagText}|${text.font}|${text.colour}|${text.halo}|${label.w}`;
  const bitmap = bitmaps.get(key) ?? remember(key, labelBitmap(e, text));
  ctx.drawImage(bitmap, Math.round(label.x), Math.round(label.y), bitmap.cssW, bitmap.cssH);
}

function remember(key, bitmap) {
  if (bitmaps.size >= bitmapLimit) bitmaps.clear();
  bitmaps.set(key, bitmap);
  return bitmap;
}

function surface(cssW, cssH) {
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(cssW * ratio);
  canvas.height = Math.ceil(cssH * ratio);
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  return [canvas, ctx];
}

function symbolBitmap(look, size, palette) {
  const half = Math.ceil(size * (look.alarm ? 0.95 : 0.75)) + 3;
  const [canvas, ctx] = surface(half * 2, half * 2);
  Object.assign(canvas, { half, side: half * 2 });
  if (look.alarm) {
    // The unit's own alert: a solid ring outside the flag's halo, edged so it reads on any plan.
    ctx.beginPath();
    ctx.arc(half, half, size * 0.9, 0, Math.PI * 2);
    strokeEdged(ctx, 3, palette.alert, palette.halo);
  }
  if (look.flag !== 'none') {
    ctx.beginPath();
    ctx.arc(half, half, size * 0.72, 0, Math.PI * 2);
    ctx.lineWidth = look.flag === 'alert' ? 4 : 3;
    ctx.strokeStyle = look.closed ? palette.stale : look.flag === 'alert' ? palette.alert : palette.watch;
    ctx.setLineDash(look.acknowledged ? [2, 3] : look.flag === 'watch' ? [6, 4] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.translate(half - size / 2, half - size / 2);
  ctx.scale(size / 24, size / 24);
  ctx.lineJoin = 'round';
  if (look.shape === 'ring') {
    strokeEdged(ctx, 4, look.fill, palette.halo, paths.ring);
  } else {
    ctx.fillStyle = look.fill;
    ctx.fill(paths[look.shape]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = palette.halo;
    ctx.stroke(paths[look.shape]);
  }
  return canvas;
}

function labelBitmap(e, text) {
  const look = e.look;
  const label = e.label;
  const [canvas, ctx] = surface(label.w, label.h);
  Object.assign(canvas, { cssW: label.w, cssH: label.h });
  const cx = label.w / 2;
  ctx.font = text.font;
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4;
  ctx.strokeStyle = text.halo;
  let x = cx - label.line1 / 2;
  const y = 1;
  if (look.mark) {
    ctx.strokeText(look.mark, x, y);
    ctx.fillStyle = look.markColour;
    ctx.fillText(look.mark, x, y);
    x += label.markW;
  }
  ctx.strokeText(label.text, x, y);
  ctx.fillStyle = text.colour;
  ctx.fillText(label.text, x, y);
  if (look.tag) {
    const ty = y + text.lineHeight;
    ctx.fillStyle = look.tagBack;
    ctx.fillRect(cx - label.tagW / 2 - 3, ty - 1, label.tagW + 6, text.lineHeight);
    ctx.fillStyle = look.tagText;
    ctx.fillText(look.tag, cx - label.tagW / 2, ty);
  }
  return canvas;
}
