// A decision in two clicks: a button, then a reason from a short list; "other…" asks for it in words. Used to
// acknowledge a flag, to declare the threat contained, neutralized or active again, and to release a unit, each
// recorded with its reason. The list stands in the document right after the control that opened it, so Tab and a
// screen reader find it there (at the page's end, it was read after everything else and Tab left it for the page's
// top), and is drawn over the page beside that control: in the browser's top layer where it has one, out of any
// scrolled list or moved row it stands in. Arrow keys go through its reasons, Enter chooses one, Escape or Tab leaves it.
import { escapeHtml } from './symbols.js';

/** Where the browser has a top layer for popovers: drawn there, a list in a board row is not cut off by the row. */
const popovers = typeof HTMLElement.prototype.showPopover === 'function';
let made = 0;

export class ReasonMenu {
  /**
   * @param {string} title what the reason is for, e.g. "Acknowledge because…"
   * @param {string[]} reasons the ones offered
   * @param {string} verb the button that sends a reason typed in words
   * @param {(subject: string, reason: string) => Promise<unknown>} decide what choosing a reason does
   */
  constructor(title, reasons, verb, decide) {
    this.title = title;
    this.reasons = reasons;
    this.verb = verb;
    this.decide = decide;
    this.subject = null;
    this.anchor = null;
    this.focused = null;
    this.element = document.createElement('div');
    this.element.className = 'reason-menu';
    this.element.id = `reason-menu-${++made}`;
    this.element.hidden = true;
    if (popovers) this.element.popover = 'manual';
    // Escape gives the keyboard back to the button that opened the menu: hidden with the menu, it went to the page's top.
    document.addEventListener('keydown', e => {
      if (e.key !== 'Escape' || this.element.hidden) return;
      const anchor = this.anchor;
      this.close();
      if (anchor?.isConnected) anchor.focus();
    });
    document.addEventListener('click', e => {
      if (!this.element.hidden && !this.element.contains(e.target) && !this.anchor?.contains(e.target)) this.close();
    });
    // A click in the menu is the menu's: the row or card it stands in does not take it as a click on itself.
    this.element.addEventListener('click', e => e.stopPropagation());
    this.element.addEventListener('keydown', e => this.move(e));
    this.element.addEventListener('focusin', e => { this.focused = e.target; });
    // Tab, or a click on another control, leaves the menu and closes it, as any menu does. Focus lost with nowhere to go
    // (the control it stood in redrawn) does not: the menu follows the control's new drawing (follow).
    this.element.addEventListener('focusout', e => {
      if (e.relatedTarget && !this.element.contains(e.relatedTarget)) this.close();
    });
    // Placed again whenever it changes size: the box that asks for a reason in words is wider than the menu, and kept
    // the menu's place beside an Ack at the screen's right edge, its input cut off and its button past the edge.
    new ResizeObserver(() => this.place()).observe(this.element);
    addEventListener('resize', () => this.place());
    // The list its control is in scrolled: the menu stays beside the control.
    document.addEventListener('scroll', () => this.place(), { capture: true, passive: true });
  }

  /** @param {string} [title] what the reason is for this time, where it names its subject ("Release Patrol 1 from…") */
  open(anchor, subject, title = this.title) {
    this.close();
    this.subject = subject;
    this.anchor = anchor;
    this.element.setAttribute('role', 'menu');
    this.element.setAttribute('aria-label', title);
    // The title is what the menu is named by, said once as the menu is entered, not again as an item of it.
    this.element.innerHTML = `<div class="reason-title" aria-hidden="true">${escapeHtml(title)}</div>`
      + this.reasons.map(r => `<button type="button" role="menuitem" tabindex="-1" data-reason="${r}">${r}</button>`).join('')
      + '<button type="button" role="menuitem" tabindex="-1" data-other>other…</button>';
    for (const button of this.element.querySelectorAll('[data-reason]')) {
      button.addEventListener('click', () => this.send(button.dataset.reason));
    }
    // The click that asks goes no further: the button it was on is gone once the form takes the menu's place, and the
    // page's click handler, finding the click outside the menu, closed it before a word could be typed.
    this.element.querySelector('[data-other]').addEventListener('click', e => { e.stopPropagation(); this.askOther(); });
    anchor.after(this.element);
    this.show();
    this.items()[0].focus();
  }

  /**
   * Keeps the open menu beside its control once that control is drawn afresh (its flag's card redrawn, say), in the
   * document right after the new one; whatever in the menu had the keyboard keeps it, and a reason half typed stays.
   */
  follow(anchor) {
    if (this.element.hidden) return;
    if (anchor !== this.anchor) {
      const had = this.focused && this.element.contains(this.focused) ? this.focused : null;
      this.anchor?.setAttribute('aria-expanded', 'false');
      this.anchor = anchor;
      if (this.element.previousElementSibling !== anchor) anchor.after(this.element);
      this.show();
      if (had && (!document.activeElement || document.activeElement === document.body)) had.focus({ preventScroll: true });
    }
    this.place();
  }

  show() {
    this.element.hidden = false;
    if (popovers && !this.element.matches(':popover-open')) this.element.showPopover();
    if (this.anchor.hasAttribute('aria-haspopup')) {
      this.anchor.setAttribute('aria-expanded', 'true');
      this.anchor.setAttribute('aria-controls', this.element.id);
    }
    this.place();
  }

  items() {
    return [...this.element.querySelectorAll('[role="menuitem"]')];
  }

  /** Up and down (round the end), Home and End go through the reasons, as in any menu. */
  move(e) {
    if (this.element.getAttribute('role') !== 'menu') return;
    const items = this.items();
    const at = items.indexOf(document.activeElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    items[(to + items.length) % items.length].focus();
  }

  /** Beside its button, on the screen: under it and ending at its right edge, above it or further left where it would not fit. */
  place() {
    if (this.element.hidden || !this.anchor?.isConnected) return;
    const box = this.anchor.getBoundingClientRect();
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    this.element.style.left = `${Math.max(8, Math.min(box.right - width, innerWidth - width - 8))}px`;
    this.element.style.top = `${box.bottom + height + 8 > innerHeight ? Math.max(8, box.top - height - 4) : box.bottom + 4}px`;
  }

  askOther() {
    // A box to type in is no menu: said as the small dialog it is, by the same name.
    this.element.setAttribute('role', 'dialog');
    this.element.innerHTML = `<form class="reason-other"><label>Reason <input name="reason" maxlength="200" required></label><button type="submit">${this.verb}</button></form>`;
    const form = this.element.querySelector('form');
    form.addEventListener('submit', e => {
      e.preventDefault();
      const reason = form.reason.value.trim();
      if (reason) this.send(reason);
    });
    form.reason.focus();
  }

  async send(reason) {
    const subject = this.subject;
    const anchor = this.anchor;
    this.close();
    // Back to the button that asked, so a keyboard carries on from there; where it is redrawn once the decision is in,
    // its list takes the focus on (alerts.js).
    if (anchor?.isConnected) anchor.focus();
    await this.decide(subject, reason);
  }

  close() {
    if (popovers && this.element.matches(':popover-open')) this.element.hidePopover();
    this.element.hidden = true;
    this.anchor?.setAttribute('aria-expanded', 'false');
    this.subject = null;
    this.anchor = null;
    this.focused = null;
  }
}
