// Distance to the threat over the session for the units picked on the board (uPlot), with the replay's now.
// Times are UTC, written as the header's clock writes them, so the chart and the clock never disagree.
import uPlot from '/lib/uplot/uPlot.esm.js';
import { get, enc } from './api.js';
import { attempt } from './notice.js';
import { clock } from './format.js';
import { remPx } from './map/size.js';

const palette = ['#5cb8ff', '#ffc233', '#4cd97b', '#ff7ad9', '#ff8c42', '#b9f', '#e6edf3', '#7de3e3'];
const dashes = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

export class DistanceChart {
  constructor(element, hint, picture) {
    this.element = element;
    this.hint = hint;
    this.picture = picture;
    this.plot = null;
    new ResizeObserver(() => this.resize()).observe(element);
    setInterval(() => this.plot?.redraw(false, false), 500);
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
    const { width, height } = this.size();
    this.plot = new uPlot({
      width, height,
      tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [{ ...axis(), space: remPx(6), values: (u, splits) => splits.map(t => clock(t * 1000)) }, { ...axis(), label: 'metres' }],
      series: [{ label: 'UTC', value: (u, t) => (t == null ? '--' : clock(t * 1000)) }, ...series.map((s, i) => ({
        label: s.callsign, stroke: palette[i % palette.length], dash: dashes[i % dashes.length], width: 2, spanGaps: true,
      }))],
      hooks: { draw: [u => this.drawNow(u)] },
    }, [times, ...columns], this.element);
  }

  drawNow(u) {
    const now = this.picture.now();
    if (now == null) return;
    const x = u.valToPos(now / 1000, 'x', true);
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#ff4d4d';
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
    return { width: Math.max(200, this.element.clientWidth), height: Math.max(120, this.element.clientHeight - 30) };
  }

  resize() {
    this.plot?.setSize(this.size());
  }
}

function axis() {
  const font = `${remPx(0.8)}px system-ui, "DejaVu Sans", sans-serif`;
  return { stroke: '#c9d4df', font, labelFont: font, grid: { stroke: '#2a3542' }, ticks: { stroke: '#2a3542' } };
}
