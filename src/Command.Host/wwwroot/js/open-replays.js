// The replays open now, whoever opened them, for those who may watch replays: pick one and the page follows it as its
// driver plays, pauses and seeks it. Asked again every few seconds while replay mode is shown.
import { get } from './api.js';
import { clock, speed } from './format.js';
import { escapeHtml } from './symbols.js';
import { isYou } from './session.js';

const refreshMs = 5000;

export class OpenReplays {
  constructor(list, hint, onWatch) {
    this.list = list;
    this.hint = hint;
    this.onWatch = onWatch;
    this.onGone = () => {};
    this.listed = null;
    this.shownId = null;
    this.timer = null;
    list.addEventListener('click', e => {
      const button = e.target.closest('button[data-replay]');
      if (button && button.getAttribute('aria-pressed') !== 'true') this.onWatch(button.dataset.replay);
    });
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh(), refreshMs);
    this.refresh();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.listed = null;
    this.shownId = null;
    this.render();
  }

  /** The replay the page shows now (null for none): its row says so, and its closing is told. */
  show(replayId) {
    this.shownId = replayId;
    this.render();
  }

  async refresh() {
    let replays;
    try {
      replays = await get('/api/replays');
    } catch (error) {
      this.hint.textContent = `Replays open now: ${error.message}`;
      return;
    }

    // Replay mode may have been left while the list was asked for.
    if (!this.timer) return;
    const before = this.listed;
    this.listed = new Map(replays.map(r => [r.replayId, r]));
    this.render();
    // Listed before and not now: whoever opened it closed it, or nobody watched it for the idle limit.
    const shown = this.shownId;
    if (shown && before?.has(shown) && !this.listed.has(shown)) this.onGone(before.get(shown));
  }

  render() {
    const listed = [...(this.listed?.values() ?? [])];
    this.list.innerHTML = listed.map(r => {
      const shown = r.replayId === this.shownId;
      const by = isYou(r.openedById, r.openedBy) ? 'you' : r.openedBy;
      const name = r.name || r.incidentId;
      return `<li class="open-replay" data-replay="${escapeHtml(r.replayId)}" data-state="${r.paused ? 'paused' : 'playing'}">`
        + `<span class="open-replay-name">${escapeHtml(name)}</span>`
        + `<span class="open-replay-by">opened by ${escapeHtml(by)}</span>`
        + `<span class="open-replay-state">${r.paused ? '❚❚ PAUSED' : `▶ ${speed(r.speed)}`}</span>`
        + `<span class="open-replay-at" title="where the replay was when listed">${clock(Date.parse(r.position))}</span>`
        + `<button type="button" data-replay="${escapeHtml(r.replayId)}" aria-pressed="${shown}" aria-label="${shown ? 'Watching' : 'Watch'} ${escapeHtml(name)}, opened by ${escapeHtml(by)}">${shown ? 'Watching' : 'Watch'}</button>`
        + '</li>';
    }).join('');
    this.hint.textContent = this.listed == null ? '' : listed.length > 0 ? (this.shownId ? '' : 'Pick a replay to watch along')
      : 'No replay is open now: one an evaluator opens is listed here to watch along';
  }
}
