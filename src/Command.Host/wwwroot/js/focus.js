// The one unit a dispatcher has picked — on the board, with the search box, or on the map. The map centres on it
// and labels it, the board scrolls to its row and outlines it. Each view is told where the pick came from, so the
// view it came from does not move under the dispatcher's hand.

export class Focus {
  constructor() {
    this.unitId = null;
    this.listeners = new Set();
  }

  subscribe(listener) {
    this.listeners.add(listener);
  }

  /** origin: 'board', 'search' or 'map'. */
  set(unitId, origin) {
    this.unitId = unitId;
    for (const listener of this.listeners) listener(unitId, origin);
  }
}
