// Where the threat's label goes: beside its marker on the first side where it hides no unit. The threat is drawn
// above the units, so a label put down regardless would cover the symbol of whoever stands next to it, often the
// unit nearest the threat, the one a commander most wants to see. Where every side would hide a unit, no label: the
// bar at the top says the threat's phase, and its marker's title its name.

/**
 * The label's box (w × h) beside a marker of the given half-size at (x, y) clear of every box in symbols, as
 * [left, top, right, bottom] in the same pixels; null where there is none.
 */
export function threatLabelBox(x, y, half, w, h, symbols) {
  const spots = [];
  // Beside the marker first, then a label's height (or half its width) further out.
  for (const far of [0, 1, 2, 3]) {
    const [gap, down, across] = [4, far * h, far * w / 2];
    spots.push(
      [x + half + gap + across, y - h / 2], [x - half - gap - across - w, y - h / 2],
      [x - w / 2, y + half + gap + down], [x - w / 2, y - half - gap - down - h],
      [x + half, y + half + down], [x + half, y - half - down - h], [x - half - w, y + half + down], [x - half - w, y - half - down - h],
    );
  }
  for (const [left, top] of spots) {
    const box = [left, top, left + w, top + h];
    if (!symbols.some(s => s[0] < box[2] && box[0] < s[2] && s[1] < box[3] && box[1] < s[3])) return box;
  }
  return null;
}
