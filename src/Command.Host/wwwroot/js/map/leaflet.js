// Leaflet from the host's own copy of the npm package (no CDN, no tile server).
export * from '/lib/leaflet/leaflet-src.esm.js';
