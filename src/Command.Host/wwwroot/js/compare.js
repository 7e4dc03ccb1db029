// Runs of one scenario side by side: key times and each unit's figures, as a table and a plot, and as exports.
import { get, getText, enc } from './api.js';
import { attempt } from './notice.js';
import { clock, duration } from './format.js';
import { sessionOption } from './session-option.js';
import { listAgainWhileChecking } from './session-checking.js';
import { escapeHtml } from './symbols.js';
import { showPlot } from './svg-plot.js';

export class Compare {
  constructor(elements) {
    this.el = elements;
    elements.open.addEventListener('click', () => this.open());
    elements.close.addEventListener('click', () => elements.dialog.close());
    elements.run.addEventListener('click', () => this.run());
  }

  async open() {
    this.el.sessions.replaceChildren();
    await this.listSessions();
    this.asking = null;
    this.el.result.replaceChildren();
    this.el.dialog.showModal();
  }

  /** Lists the sessions to compare; listed again while one is still being checked for damage, those chosen stay chosen. */
  async listSessions() {
    const listing = this.listing = {};
    const sessions = (await attempt(() => get('/api/sessions'))) ?? [];
    if (listing !== this.listing) return;
    const chosen = new Set([...this.el.sessions.selectedOptions].map(o => o.value));
    this.el.sessions.replaceChildren(...sessions.map(s => sessionOption(s, `${s.name || s.incidentId} · ${clock(Date.parse(s.firstTime))}`)));
    for (const option of this.el.sessions.options) option.selected = chosen.has(option.value) && !option.disabled;
    listAgainWhileChecking(sessions, () => this.el.dialog.open, () => listing === this.listing, () => this.listSessions());
  }

  query(format) {
    const ids = [...this.el.sessions.selectedOptions].map(o => o.value);
    const map = this.el.map.value.split('\n').map(l => l.trim()).filter(Boolean).join(';');
    return `/api/compare?sessions=${enc(ids.join(','))}${map ? `&map=${enc(map)}` : ''}&format=${format}`;
  }

  async run() {
    // Only the latest run is shown, with exports of what it compared: one pressed again with other sessions chosen before
    // the first answered had the first's table, come last, under the links to export the second.
    const token = this.asking = {};
    const [json, html, csv, svgPath] = ['json', 'html', 'csv', 'svg'].map(format => this.query(format));
    const c = await attempt(() => get(json));
    if (!c || this.asking !== token) return;
    const runs = c.runs.map((r, i) => `<th>Run ${i + 1}<br>${escapeHtml(r.incidentId)}${r.scenarioVersion ? ` (v${escapeHtml(r.scenarioVersion)})` : ''}</th>`).join('');
    // Times as every document prints them, m:ss (the JSON's figures named "(s)" are seconds); counts as they are.
    const n = v => (v == null ? '—' : String(v));
    const seconds = f => f.name.endsWith(' (s)');
    const figures = c.keyTimes.map(f => `<tr><th>${escapeHtml(seconds(f) ? f.name.slice(0, -4) : f.name)}</th>${f.values
      .map(v => `<td class="num">${seconds(f) ? duration(v) : n(v)}</td>`).join('')}</tr>`).join('');
    const units = c.units.map(u => `<tr><th>${escapeHtml(u.key)}</th>${u.runs.map(r => (r
      ? `<td class="num">${duration(r.timeToContactS)} · hold ${duration(r.longestHoldS)} · ${r.flags} flags</td>` : '<td>—</td>')).join('')}</tr>`).join('');
    // Said first, in the words of the comparison's exports as the server sends them (never composed here, where they came
    // to differ): a run of an incident still open, or whose recording is damaged, has figures so far or stopping early, not a
    // slower team's; a session whose drill started over is compared on its first round, or its figures read as the whole
    // session's.
    const cautions = c.cautions.map(k => `<p class="${escapeHtml(k.kind)}"><b>${escapeHtml(k.label)}:</b> ${escapeHtml(k.said)}</p>`).join('');
    const rounds = c.roundsCompared.map(said => `<p class="rounds">${escapeHtml(said)}</p>`).join('');
    this.el.result.innerHTML = `${cautions}${rounds}<table class="compare-table"><tr><th></th>${runs}</tr>${figures}</table>`
      + `<h3>Units: time to contact · longest hold · flags</h3><table class="compare-table"><tr><th></th>${runs}</tr>${units}</table>`
      + '<h3>Time to contact</h3><div class="compare-plot"></div><p class="compare-plot-missing" hidden>The plot could not be shown here: export the comparison as HTML to see it.</p>'
      + `<p class="downloads">Export <a href="${escapeHtml(html)}" download>HTML</a> <a href="${escapeHtml(csv)}" download>CSV</a></p>`;
    // Inline, as the report shows it, styled by what it carries and as wide as the dialog.
    const plot = this.el.result.querySelector('.compare-plot');
    const svg = await attempt(() => getText(svgPath, 'image/svg+xml'));
    if (svg === undefined || !plot.isConnected || this.asking !== token) return;
    this.el.result.querySelector('.compare-plot-missing').hidden = showPlot(plot, svg);
  }
}
