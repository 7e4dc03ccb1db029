// Marker sizes follow the page's type size, so symbols grow with the text on a wall display.

export function remPx(rem) {
  return Math.round(rem * parseFloat(getComputedStyle(document.documentElement).fontSize));
}
