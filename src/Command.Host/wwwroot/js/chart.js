// Distance to the threat over the session for the units picked on the board (uPlot), with the replay's now.
// Times are UTC, written as the header's clock writes them, so the chart and the clock never disagree. Lines, axes
// and grid are drawn in the page's colours (its CSS custom properties), and drawn again when the page turns light or
// dark: fixed light lines on a light page were near invisible on a projector.
import uPlot from '/lib/uplot/uPlot.esm.js';
import { get, enc } from './api.js';
import { attempt } from './notice.js';
import { clock } from './format.js';
import { remPx } from './map/size.js';

// Seven colours and four dashes: 28 units plotted before two lines look alike.
const lineColours = ['info', 'watch', 'closing', 'replay', 'opening', 'staging', 'perimeter'];
const dashes = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
/** The plot's least height, axes included, however many units the legend under it names. */
const minPlotPx = 150;

/** The page's colours the chart draws in, read afresh for each drawing so they follow the theme. */
function colours() {
  const style = getComputedStyle(document.documentElement);
  const read = name => style.getPropertyValue(`--${name}`).trim();
  return { lines: lineColours.map(read), axis: read('muted'), grid: read('line'), now: read('alert') };
}

export class DistanceChart {
  constructor(element, hint, picture) {
    this.element = element;
    this.hint = hint;
    this.picture = picture;
    this.plot = null;
    this.sizes = new ResizeObserver(() => this.resize());
    this.sizes.observe(element);
    setInterval(() => this.plot?.redraw(false, false), 500);
    document.addEventListener('themechange', () => {
      if (this.plot) this.draw(this.drawn);
    });
  }

  async show(replayId, unitIds) {
    if (!replayId || unitIds.length === 0) {
      this.clear('Click unit rows to plot them');
      return;
    }
    // Rows clicked in quick succession ask twice; only the latest question's answer is drawn.
    const token = {};
    this.asking = token;
    const answer = await attempt(() => get(`/api/replays/${enc(replayId)}/series?units=${unitIds.map(enc).join(',')}`));
    if (!answer || this.asking !== token) return;
    const series = answer.units ?? [];
    const times = [...new Set(series.flatMap(s => s.points.map(p => p[0])))].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const columns = series.map(s => {
      const column = new Array(times.length).fill(null);
      for (const [t, d] of s.points) column[index.get(t)] = d;
      return column;
    });
    this.clear(series.map(s => s.callsign).join(', '));
    this.draw({ series, data: [times, ...columns] });
  }

  draw(drawn) {
    this.plot?.destroy();
    this.drawn = drawn;
    const { width, height } = this.size();
    const c = colours();
    this.plot = new uPlot({
      width, height,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [{ ...axis(c), space: remPx(6), values: (u, splits) => splits.map(t => clock(t * 1000)) }, { ...axis(c), label: 'metres' }],
      series: [{ label: 'UTC', value: (u, t) => (t == null ? '--' : clock(t * 1000)) }, ...drawn.series.map((s, i) => ({
        label: s.callsign, stroke: c.lines[i % c.lines.length], dash: dashes[i % dashes.length], width: 2, spanGaps: true,
      }))],
      hooks: { draw: [u => this.drawNow(u, c.now)] },
    }, drawn.data, this.element);
    // The legend wraps to as many rows as the units plotted need; the plot takes only the height left under it, so
    // no unit's entry is pushed below the panel (seven units showed P1 to P4 and lost the rest). Values shown under
    // the cursor can rewrap it, so its height is watched too.
    this.sizes.disconnect();
    this.sizes.observe(this.element);
    this.sizes.observe(this.element.querySelector('.u-legend'));
    this.resize();
  }

  drawNow(u, colour) {
    const now = this.picture.now();
    if (now == null) return;
    const x = u.valToPos(now / 1000, 'x', true);
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }

  clear(hint) {
    this.asking = null;
    this.plot?.destroy();
    this.plot = null;
    this.hint.textContent = hint;
  }

  size() {
    // The legend takes what the plot's least height leaves, and scrolls within it past that (28 units on a laptop).
    const legend = this.element.querySelector('.u-legend');
    const room = this.element.clientHeight - remPx(0.6);
    if (legend) legend.style.maxHeight = `${Math.max(remPx(1.8), room - minPlotPx)}px`;
    return { width: Math.max(200, this.element.clientWidth), height: Math.max(minPlotPx, room - (legend?.offsetHeight ?? remPx(2))) };
  }

  resize() {
    this.plot?.setSize(this.size());
  }
}

function axis(c) {
  const font = `${remPx(0.8)}px system-ui, "DejaVu Sans", sans-serif`;
  return { stroke: c.axis, font, labelFont: font, grid: { stroke: c.grid }, ticks: { stroke: c.grid } };
}
