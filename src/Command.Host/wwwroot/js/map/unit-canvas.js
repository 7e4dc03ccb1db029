// The canvas the units are painted on: one element for every unit, in its own pane above the site plan and its
// labels and under the threat. Leaflet's Renderer base keeps it covering the view (a little beyond, so a pan shows
// no blank edge) and scales it through a zoom animation; after each pan or zoom the layer repaints it whole.
import * as L from './leaflet.js';

export const unitPane = 'units';

export const UnitCanvas = L.Renderer.extend({
  options: { pane: unitPane, padding: 0.1 },

  _initContainer() {
    this._container = document.createElement('canvas');
    this._container.className = 'unit-canvas';
    this._container.setAttribute('role', 'img');
    this._container.setAttribute('aria-label', 'Units on the map; the board lists them');
    this.ctx = this._container.getContext('2d');
  },

  _destroyContainer() {
    L.DomUtil.remove(this._container);
    delete this._container;
  },

  _update() {
    // Mid-animation the CSS transform stands in; the canvas is laid out again when the zoom ends.
    if (this._map._animatingZoom && this._bounds) return;
    L.Renderer.prototype._update.call(this);
    const b = this._bounds;
    const size = b.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(this._container, b.min);
    this._container.width = Math.round(size.x * ratio);
    this._container.height = Math.round(size.y * ratio);
    this._container.style.width = `${size.x}px`;
    this._container.style.height = `${size.y}px`;
    // Layer pixels in, canvas pixels out.
    this.ctx.setTransform(ratio, 0, 0, ratio, -b.min.x * ratio, -b.min.y * ratio);
    this.fire('update');
    this.onLaidOut?.();
  },

  /** The canvas's area in layer pixels, [left, top, right, bottom]. */
  area() {
    const b = this._bounds;
    return [b.min.x, b.min.y, b.max.x, b.max.y];
  },
});
