// A plot the host draws as SVG, shown inline as the report shows it: read as XML, never as HTML, so the names in it
// (callsigns, a mapped name, a session's id) stay text whatever they hold; kept to the elements and attributes plots
// are drawn with; and put in a shadow root with the style it carries, so the plot's classes (.row, .end) and the page's
// never meet. As an image it lost nothing to scripts, but its labels were measured by no one: they ran into each
// other, and the axis's last one off the edge.

const svgNs = 'http://www.w3.org/2000/svg';
const elements = new Set(['svg', 'g', 'rect', 'line', 'path', 'polyline', 'polygon', 'circle', 'text', 'tspan', 'title', 'style']);
const attributes = new Set([
  'xmlns', 'viewBox', 'width', 'height', 'role', 'aria-label', 'class', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'dx', 'dy', 'd', 'points',
  'cx', 'cy', 'r', 'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'text-anchor', 'opacity', 'fill-opacity',
]);

// As wide as its place (the dialog), as tall as that makes it; white, as on paper, whatever the page's theme.
const frame = ':host{display:block;background:#fff}svg{display:block;width:100%;height:auto}';

/** Shows the SVG document `text` in `host`'s shadow root; false, and nothing shown, where it is not one. */
export function showPlot(host, text) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length || svg.namespaceURI !== svgNs || svg.localName !== 'svg') {
    root.replaceChildren();
    return false;
  }
  keepPlotParts(svg);
  const style = document.createElement('style');
  style.textContent = frame;
  root.replaceChildren(style, document.importNode(svg, true));
  return true;
}

function keepPlotParts(element) {
  for (const attribute of [...element.attributes]) {
    if (!attributes.has(attribute.name)) element.removeAttributeNode(attribute);
  }
  // A style that would fetch anything (an import, an image) is not the plots' own.
  if (element.localName === 'style' && /@import|url\s*\(/i.test(element.textContent)) element.textContent = '';
  for (const child of [...element.children]) {
    if (child.namespaceURI === svgNs && elements.has(child.localName)) keepPlotParts(child);
    else child.remove();
  }
}
