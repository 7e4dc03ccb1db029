// Acknowledge in two clicks: "Ack", then a reason. "other…" asks for the reason in words.

const reasons = ['hazard reported', 'rendering aid', 'reassigned'];

export class AckMenu {
  constructor(acknowledge) {
    this.acknowledge = acknowledge;
    this.subject = null;
    this.element = document.createElement('div');
    this.element.className = 'ack-menu';
    this.element.setAttribute('role', 'menu');
    this.element.hidden = true;
    document.body.append(this.element);
    document.addEventListener('keydown', e => { if (e.key === 'Escape') this.close(); });
    document.addEventListener('click', e => {
      if (!this.element.hidden && !this.element.contains(e.target) && !e.target.closest('button.ack')) this.close();
    });
  }

  open(anchor, subject) {
    this.subject = subject;
    this.element.innerHTML = '<div class="ack-title">Acknowledge because…</div>'
      + reasons.map(r => `<button type="button" role="menuitem" data-reason="${r}">${r}</button>`).join('')
      + '<button type="button" role="menuitem" data-other>other…</button>';
    for (const button of this.element.querySelectorAll('[data-reason]')) {
      button.addEventListener('click', () => this.send(button.dataset.reason));
    }
    this.element.querySelector('[data-other]').addEventListener('click', () => this.askOther());
    const box = anchor.getBoundingClientRect();
    this.element.hidden = false;
    const width = this.element.offsetWidth;
    const height = this.element.offsetHeight;
    this.element.style.left = `${Math.max(8, Math.min(box.right - width, innerWidth - width - 8))}px`;
    this.element.style.top = `${box.bottom + height + 8 > innerHeight ? Math.max(8, box.top - height - 4) : box.bottom + 4}px`;
    this.element.querySelector('button').focus();
  }

  askOther() {
    this.element.innerHTML = '<form class="ack-other"><label>Reason <input name="reason" maxlength="200" required></label><button type="submit">Ack</button></form>';
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
    this.close();
    await this.acknowledge(subject, reason);
  }

  close() {
    this.element.hidden = true;
    this.subject = null;
  }
}
