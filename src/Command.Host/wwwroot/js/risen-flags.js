// Flags that rose above the board's view, out of sight: a unit the keyboard is on is kept on screen, so when flags
// rise above it the board scrolls after it, and on a wall board the new flags went off its top unseen (as they did
// above a board scrolled down by hand). A marker over the board's head counts them and goes to the top one. Rows the
// dispatcher scrolled past were seen going and are not counted; one counted is let go once it is in view again, or is
// no longer a flag to act on (acknowledged, or cleared).

/** A unit whose row asks to be acted on: its own emergency, or a flag not yet acknowledged. */
export function asksAction(unit) {
  return Boolean(unit?.alarm) || ((unit?.flag === 'alert' || unit?.flag === 'watch') && !unit.acknowledged);
}

export class RisenFlags {
  /** button: the marker; jump(unitId): brings that unit's row into view with the keyboard on it. */
  constructor(button, jump) {
    this.button = button;
    this.above = new Set();
    this.unseen = [];
    button?.addEventListener('click', () => { if (this.unseen.length) jump(this.unseen[0]); });
  }

  /**
   * The units asking action above the board's view now, topmost first. Given the set above before the units re-ranked,
   * those above now that were not rose out of sight; without it (a scroll, a redraw) nothing is added.
   */
  see(above, before = null) {
    const now = new Set(above);
    const unseen = new Set(this.unseen.filter(id => now.has(id)));
    if (before) for (const id of above) if (!before.has(id)) unseen.add(id);
    this.unseen = above.filter(id => unseen.has(id));
    this.above = now;
    this.show();
  }

  show() {
    if (!this.button) return;
    const n = this.unseen.length;
    this.button.hidden = n === 0;
    const text = `↑ ${n} flag${n === 1 ? '' : 's'} above`;
    if (this.button.textContent !== text) this.button.textContent = text;
  }
}
