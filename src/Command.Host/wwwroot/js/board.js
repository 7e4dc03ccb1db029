// The unit board: every unit, most urgent first, of which only the rows on screen exist. A frame sorts the units
// again (nearly sorted already, which the browser's sort does in about one pass) and rewrites only the rows on
// screen whose unit changed; scrolling hands the rows that leave the screen to the units that come onto it.
import { roles } from './symbols.js';
import { byUrgency } from './board-order.js';
import { createRow, renderRow, tickRow } from './board-row.js';
import { remPx } from './map/size.js';
import { ReasonMenu } from './reason-menu.js';
import { showNotice } from './notice.js';
import { RisenFlags, asksAction } from './risen-flags.js';

/** Where the page keeps whether the board is dense, for this browser. */
const densityKey = 'command.board.density';
/** Rows kept beyond each edge of the screen, so a short scroll shows rows already written. */
const overscan = 4;

export class Board {
  constructor(elements, picture, commands, focus) {
    Object.assign(this, elements);
    this.picture = picture;
    this.commands = commands;
    this.focus = focus;
    this.all = [];
    this.order = [];
    this.rows = new Map();
    this.spare = [];
    this.changed = new Set();
    this.selected = new Set();
    this.editable = true;
    this.selectable = false;
    this.onSelection = () => {};
    // Letting a unit go is recorded with why: one caught by the wrong drill, or sent to another incident.
    this.releaseMenu = new ReasonMenu('Release from this incident because…', ['enrolled in the wrong incident', 'sent to another incident', 'left the scene'], 'Release',
      async (unitId, reason) => {
        const callsign = picture.callsign(unitId);
        if (await commands.release(unitId, reason)) showNotice(`${callsign} released from this incident (${reason}): another incident may enrol it now.`, 'info');
      });
    this.filter.innerHTML = '<option value="">All roles</option>'
      + roles.map(r => `<option value="${r.value}">${r.label}</option>`).join('');
    this.filter.addEventListener('change', () => this.refresh());
    this.dense = storedDensity() === 'dense';
    this.density?.addEventListener('click', () => this.setDense(!this.dense));
    this.showDensity();
    this.scroller.addEventListener('scroll', () => { this.scrolled = true; this.renderWindow(); }, { passive: true });
    this.risen = new RisenFlags(elements.risen, unitId => this.goTo(this.order.indexOf(unitId)));
    // The keyboard's place on the board: the row Tab comes to, which the arrow keys move and Enter picks (as a click does).
    this.current = null;
    this.body.addEventListener('focusin', e => {
      if (e.target.dataset.unit) this.current = e.target.dataset.unit;
      this.keepReasonInView();
    });
    this.body.addEventListener('keydown', e => this.key(e));
    new ResizeObserver(() => { this.rowHeight = null; this.renderWindow(); }).observe(this.scroller);
    picture.subscribe(change => this.update(change));
    focus.subscribe((id, origin) => this.show(id, origin));
    setInterval(() => this.tick(), 1000);
  }

  update(change) {
    // A whole picture (a connection back, a replay's seek) takes every row away, and with it the keyboard's place: it
    // went to the page's top, and a dispatcher going down the board had to Tab back to it and find their unit again.
    const held = change.reset ? this.heldUnit() : null;
    const above = this.risen.above;
    if (change.reset) {
      // The rows go to whatever the new picture shows: a release half asked for goes with its row.
      this.releaseMenu.close();
      for (const row of this.rows.values()) this.release(row);
      this.rows.clear();
    }
    for (const id of change.units) this.changed.add(id);
    // An unheard unit's row says when the source it reported through is down: it changes as the source does.
    if (change.sources) for (const [id, unit] of this.picture.units) if (unit.state === 'stale' || unit.overdue) this.changed.add(id);
    this.refresh();
    if (held != null && this.order.length) {
      const at = this.order.indexOf(held);
      this.goTo(at >= 0 ? at : this.firstInView());
    }
    this.risen.see(this.askingAbove(), above);
  }

  /** The units asking action whose rows are above the board's view, topmost first. */
  askingAbove() {
    const above = [];
    const first = this.order.length ? this.firstInView() : 0;
    for (let i = 0; i < first; i++) if (asksAction(this.picture.units.get(this.order[i]))) above.push(this.order[i]);
    return above;
  }

  /**
   * Sorts and draws again. The unit the keyboard is on keeps its row wherever it re-ranks; one that was on screen is
   * kept on screen, the board scrolled after it, so the keyboard is never on a row nobody can see. One that left the
   * board (released) hands the keyboard to the unit now in its place, not to the top of the page.
   */
  refresh() {
    const held = this.heldUnit();
    const was = held == null ? -1 : this.order.indexOf(held);
    const seen = this.onScreen(was);
    this.arrange();
    if (seen) this.reveal(this.order.indexOf(held));
    this.renderWindow();
    this.changed.clear();
    if (was >= 0 && this.order.length && !this.order.includes(held)) this.goTo(Math.min(was, this.order.length - 1));
  }

  /**
   * The unit whose row holds the keyboard (the row itself or its role picker), if one does. A release half asked for
   * stands in its row but goes its own way (keepReleaseInView): it closes once its row leaves the board's view.
   */
  heldUnit() {
    if (this.releaseMenu.element.contains(document.activeElement)) return null;
    const tr = document.activeElement?.closest?.('.board-row');
    return tr && this.body.contains(tr) ? tr.dataset.unit ?? null : null;
  }

  /** Sorts by urgency, starting from the last order so the sort has little to do, and applies the role filter. */
  arrange() {
    const units = this.picture.units;
    let list = [];
    for (const id of this.all) {
      const unit = units.get(id);
      if (unit) list.push(unit);
    }
    if (list.length !== units.size) list = [...units.values()];
    list.sort(byUrgency);
    this.all = list.map(u => u.unitId);
    const role = this.filter.value;
    this.order = role ? list.filter(u => u.role === role).map(u => u.unitId) : this.all;
    this.count.textContent = role ? `${this.order.length} of ${units.size}` : String(units.size);
    this.table.setAttribute('aria-rowcount', String(this.order.length + 1));
  }

  /** Puts the rows of the units on screen (and a few either side) in their places; writes those that changed. */
  renderWindow() {
    const h = this.rowPx();
    this.body.style.setProperty('--row', `${h}px`);
    this.body.style.height = `${this.order.length * h}px`;
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / h) - overscan);
    const last = Math.min(this.order.length, Math.ceil((top + this.scroller.clientHeight) / h) + overscan);
    const wanted = new Set(this.order.slice(first, last));
    for (const [id, row] of this.rows) {
      // A row being used (its role picker open, say) stays with its unit until it is let go.
      if (wanted.has(id) || (row.tr.contains(document.activeElement) && this.order.includes(id))) continue;
      this.release(row);
      this.rows.delete(id);
    }
    for (const [id, row] of this.rows) if (!wanted.has(id)) this.place(row, this.order.indexOf(id), h);
    for (let i = first; i < last; i++) {
      const id = this.order[i];
      let row = this.rows.get(id);
      const fresh = !row;
      if (fresh) {
        row = this.spare.pop() ?? createRow(this.commands, unitId => this.clicked(unitId), (unitId, anchor) => this.askRelease(unitId, anchor));
        lockRole(row, this);
        this.rows.set(id, row);
        this.body.append(row.tr);
      }
      this.place(row, i, h);
      const marks = this.marks(id);
      if (fresh || row.marks !== marks || this.changed.has(id)) {
        row.marks = marks;
        renderRow(row, this.picture.units.get(id), this.picture, marks);
      }
    }
    this.keepDocumentOrder();
    this.keepTabStop(first, last);
    this.keepReleaseInView();
    this.keepReasonInView();
    this.risen.see(this.askingAbove());
    this.scrolled = false;
  }

  /**
   * Dense, the row the keyboard is on shows its whole reason in a box under it (board.css). On the last rows on screen
   * the board's bottom edge cut the box off: there it opens above the row, where there is more room, below the board's head.
   */
  keepReasonInView() {
    const tr = document.activeElement;
    if (!this.dense || !tr?.classList.contains('board-row') || !this.body.contains(tr) || !tr.matches(':focus-visible')) return;
    const reason = tr.querySelector('.status .reason');
    delete tr.dataset.reason;
    if (!reason) return;
    const box = reason.getBoundingClientRect();
    const view = this.scroller.getBoundingClientRect();
    const bottom = view.top + this.scroller.clientTop + this.scroller.clientHeight;
    if (box.bottom <= bottom) return;
    const row = tr.getBoundingClientRect();
    const top = view.top + this.scroller.clientTop + this.body.offsetTop;
    if (row.top - box.height >= top || row.top - top > bottom - row.bottom) tr.dataset.reason = 'above';
  }

  /**
   * One row of the board is in the page's Tab order: the one the keyboard was last on while it is kept, else the first
   * on screen. Tab comes to the board once and leaves it with one more press, however many units it lists.
   */
  keepTabStop(first, last) {
    const at = this.rows.get(this.current);
    const stop = at && (at.tr.contains(document.activeElement) || (at.index >= first && at.index < last)) ? at : this.rows.get(this.order[this.firstInView()]);
    for (const row of this.rows.values()) {
      const tabIndex = row === stop ? 0 : -1;
      if (row.tr.tabIndex !== tabIndex) row.tr.tabIndex = tabIndex;
    }
  }

  firstInView() {
    return Math.min(this.order.length - 1, Math.ceil(this.scroller.scrollTop / this.rowPx()));
  }

  /** On a row: Enter or Space picks its unit as a click does; up and down, Page Up and Down, Home and End go through the board. */
  key(e) {
    const unitId = e.target.dataset?.unit;
    if (!unitId || !e.target.classList.contains('board-row') || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.clicked(unitId);
      return;
    }
    const at = this.order.indexOf(unitId);
    const page = Math.max(1, Math.floor((this.scroller.clientHeight - this.body.offsetTop) / this.rowPx()) - 1);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: this.order.length - 1 }[e.key];
    if (to === undefined || at < 0) return;
    e.preventDefault();
    this.goTo(Math.max(0, Math.min(this.order.length - 1, to)));
  }

  /** Puts the keyboard on the row at <index>, scrolling it onto the screen. */
  goTo(index) {
    this.reveal(index);
    this.current = this.order[index];
    this.renderWindow();
    this.rows.get(this.current)?.tr.focus({ preventScroll: true });
  }

  /** Scrolls the board so the row at <index> is on screen, under the board's head; a row on screen already stays put. */
  reveal(index) {
    const h = this.rowPx();
    const view = this.scroller;
    if (index >= 0 && !this.onScreen(index)) view.scrollTop = Math.max(0, (index * h) - ((view.clientHeight - this.body.offsetTop - h) / 2));
  }

  /** Whether the row at <index> stands whole on the board's screen, under its head. */
  onScreen(index) {
    const h = this.rowPx();
    const view = this.scroller;
    return index >= 0 && index * h >= view.scrollTop && (index + 1) * h <= view.scrollTop + view.clientHeight - this.body.offsetTop;
  }

  /** The release menu names the unit it lets go: beside a board of look-alike rows, "this" could be any of them. */
  askRelease(unitId, anchor) {
    this.releaseMenu.open(anchor, unitId, `Release ${this.picture.callsign(unitId)} from this incident because…`);
  }

  /**
   * A release half asked for stays beside the row it was asked from as its unit moves up or down the board, while that
   * row is on the board's screen. Once it is not (its unit re-ranked far down, or the board scrolled away), the menu
   * would stand beside nothing, over another panel: it closes. A keyboard that was in it goes to the unit's row, brought
   * on screen, when the unit moved; when the board was scrolled, to the first row on screen, leaving the view where it was put.
   */
  keepReleaseInView() {
    const menu = this.releaseMenu;
    const row = menu.anchor?.closest('.board-row');
    if (menu.element.hidden || !row) return;
    const box = row.getBoundingClientRect();
    const view = this.scroller.getBoundingClientRect();
    const top = view.top + this.body.offsetTop;
    if (row.isConnected && box.bottom > top + 1 && box.top < view.bottom - 1) {
      menu.place();
      return;
    }
    const had = menu.element.contains(document.activeElement);
    const unitId = row.dataset.unit;
    menu.close();
    if (!had) return;
    const index = this.scrolled ? this.firstInView() : this.order.indexOf(unitId);
    if (index >= 0) this.goTo(index);
  }

  /**
   * Puts the rows in the document in the order they are shown, so Tab and a screen reader go down the board as the eye
   * does: placed by their index alone, a unit that rose to the top, or a row handed on by a scroll up, came last. Only
   * rows out of place move, around the one holding the focus, which never moves (moved, it would lose the focus).
   */
  keepDocumentOrder() {
    const shown = [...this.rows.values()].sort((a, b) => a.index - b.index).map(row => row.tr);
    if (!shown.length) return;
    const held = shown.findIndex(tr => tr.contains(document.activeElement));
    if (held < 0 && this.body.firstElementChild !== shown[0]) this.body.prepend(shown[0]);
    const from = Math.max(0, held);
    for (let i = from - 1; i >= 0; i--) if (shown[i].nextElementSibling !== shown[i + 1]) shown[i + 1].before(shown[i]);
    for (let i = from + 1; i < shown.length; i++) if (shown[i].previousElementSibling !== shown[i - 1]) shown[i - 1].after(shown[i]);
  }

  place(row, index, h) {
    if (row.index === index && row.h === h) return;
    row.index = index;
    row.h = h;
    row.tr.style.transform = `translateY(${index * h}px)`;
    row.tr.setAttribute('aria-rowindex', String(index + 2));
  }

  rowPx() {
    // Every row is as high as the board's --row-rem says (board.css), so a unit's place is its index times it: two lines
    // of type and the role picker, or, dense, one line; taller on a touch screen, where the role picker is a finger high.
    return this.rowHeight ??= remPx(parseFloat(getComputedStyle(this.table).getPropertyValue('--row-rem')));
  }

  /** One line a unit, or two with the role picker; kept for this browser. The unit at the top stays at the top. */
  setDense(dense) {
    const top = this.order[Math.floor(this.scroller.scrollTop / this.rowPx())];
    this.dense = dense;
    try {
      localStorage.setItem(densityKey, dense ? 'dense' : 'roomy');
    } catch {
      // A browser that keeps nothing (private, or storage full) still shows the board as asked, until it reloads.
    }
    this.showDensity();
    this.rowHeight = null;
    const i = top == null ? -1 : this.order.indexOf(top);
    if (i >= 0) this.scroller.scrollTop = i * this.rowPx();
    for (const row of this.rows.values()) row.index = -1;
    this.renderWindow();
  }

  showDensity() {
    this.table.classList.toggle('dense', this.dense);
    this.density?.setAttribute('aria-pressed', String(this.dense));
  }

  release(row) {
    row.tr.remove();
    delete row.tr.dataset.unit;
    delete row.tr.dataset.reason;
    row.unitId = null;
    row.index = -1;
    row.marks = null;
    this.spare.push(row);
  }

  marks(id) {
    return `${this.selected.has(id) ? ' selected' : ''}${this.focus.unitId === id ? ' focused' : ''}`;
  }

  clicked(unitId) {
    this.focus.set(unitId, 'board');
    if (!this.selectable) return;
    if (this.selected.has(unitId)) this.selected.delete(unitId); else this.selected.add(unitId);
    this.renderWindow();
    this.onSelection([...this.selected]);
  }

  /** Scrolls a picked unit's row into view (showing every role if the filter hid it), unless it was picked here. */
  show(unitId, origin) {
    if (origin !== 'board' && unitId) {
      if (this.filter.value && !this.order.includes(unitId) && this.picture.units.has(unitId)) {
        this.filter.value = '';
        this.arrange();
      }
      this.reveal(this.order.indexOf(unitId));
    }
    this.renderWindow();
  }

  /**
   * Roles can be changed live, never in a replay: the past is what was recorded; nor once the incident is closed, which
   * <refusal> says on hover.
   */
  setEditable(editable, refusal = null) {
    this.editable = editable;
    this.refusal = refusal ?? '';
    for (const row of [...this.rows.values(), ...this.spare]) lockRole(row, this);
  }

  tick() {
    for (const [id, row] of this.rows) tickRow(row, this.picture.units.get(id), this.picture);
  }

  clearSelection() {
    this.selected.clear();
    this.renderWindow();
    this.onSelection([]);
  }
}

/** A row's role picker as the board allows: disabled where roles cannot be changed, saying why where there is a reason. */
function lockRole(row, board) {
  row.select.disabled = !board.editable;
  row.select.title = board.refusal ?? '';
}

function storedDensity() {
  try {
    return localStorage.getItem(densityKey);
  } catch {
    return null;
  }
}
