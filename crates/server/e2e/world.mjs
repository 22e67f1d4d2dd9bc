// Builds ../assets/world.json, the page's offline world map, from the npm
// package world-atlas (countries-110m TopoJSON, made from Natural Earth,
// public domain; world-atlas is ISC). Run from crates/server/e2e after
// `npm ci`: `npm run world`. Output: one SVG path per country in
// equirectangular coordinates (x = lon + 180, y = 90 - lat), one decimal,
// so the page draws it with no projection code.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const countries = feature(topology, topology.objects.countries).features;

const point = ([lon, lat]) => `${(lon + 180).toFixed(1)} ${(90 - lat).toFixed(1)}`;
// A ring that crosses the antimeridian jumps across the whole map; lift
// the pen there instead of drawing a line around the world.
const ring = (coordinates) =>
  coordinates
    .map((c, i) => (i === 0 || Math.abs(c[0] - coordinates[i - 1][0]) > 180 ? 'M' : 'L') + point(c))
    .join('') + 'Z';
const polygons = (geometry) =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];

const paths = countries
  .filter((country) => country.geometry)
  .map((country) => ({
    name: country.properties.name,
    d: polygons(country.geometry).flatMap((polygon) => polygon.map(ring)).join(''),
  }));
const out = fileURLToPath(new URL('../assets/world.json', import.meta.url));
writeFileSync(out, JSON.stringify({ source: 'world-atlas 2.0.2 countries-110m (Natural Earth, public domain)', width: 360, height: 180, countries: paths }));
console.log(`${out}: ${paths.length} countries`);
