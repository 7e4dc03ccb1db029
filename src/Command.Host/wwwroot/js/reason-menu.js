// A decision in two clicks: a button, then a reason from a short list; "other…" asks for it in words. Used to
// acknowledge a flag and to declare the threat contained or neutralized, both recorded with their reason.

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
    this.element = document.createElement('div');
    this.element.className = 'reason-menu';
    this.element.setAttribute('role', 'menu');
    this.element.setAttribute('aria-label', title);
    this.element.hidden = true;
    document.body.append(this.element);
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
    // Placed again whenever it changes size: the box that asks for a reason in words is wider than the menu, and kept
    // the menu's place beside an Ack at the screen's right edge, its input cut off and its button past the edge.
    new ResizeObserver(() => this.place()).observe(this.element);
    addEventListener('resize', () => this.place());
  }

  open(anchor, subject) {
    this.subject = subject;
    this.anchor = anchor;
    this.element.innerHTML = `<div class="reason-title">${this.title}</div>`
      + this.reasons.map(r => `<button type="button" role="menuitem" data-reason="${r}">${r}</button>`).join('')
      + '<button type="button" role="menuitem" data-other>other…</button>';
    for (const button of this.element.querySelectorAll('[data-reason]')) {
      button.addEventListener('click', () => this.send(button.dataset.reason));
    }
    // The click that asks goes no further: the button it was on is gone once the form takes the menu's place, and the
    // page's click handler, finding the click outside the menu, closed it before a word could be typed.
    this.element.querySelector('[data-other]').addEventListener('click', e => { e.stopPropagation(); this.askOther(); });
    this.element.hidden = false;
    this.place();
    this.element.querySelector('button').focus();
  }

  /** Beside its button, on the screen: under it and ending at its right edge, above it or further left where it would not fit. */
  place() {
    if (this.element.hidden || !this.anchor) return;
    const box = this.anchor.getBoundingClientRect();
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    this.element.style.left = `${Math.max(8, Math.min(box.right - width, innerWidth - width - 8))}px`;
    this.element.style.top = `${box.bottom + height + 8 > innerHeight ? Math.max(8, box.top - height - 4) : box.bottom + 4}px`;
  }

  askOther() {
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
    this.element.hidden = true;
    this.subject = null;
    this.anchor = null;
  }
}
