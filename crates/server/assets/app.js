// newsgraph page: hash routes (#/story/3, #/entity/7, #/doc/ID, #/search/q)
// so every view is a link that can be shared; all data from /api on this host.
'use strict';

const main = document.getElementById('main');
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const link = (hash, text) => `<a href="#/${hash}">${esc(text)}</a>`;
const enc = encodeURIComponent;
const badge = (status) => `<span class="badge status-${esc(status)}">${esc(status)}</span>`;

async function api(path) {
  const response = await fetch('/api/' + path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// A view: renders into <main>, moves focus there so keyboard and screen
// reader users land on the new content.
function show(html, title) {
  main.innerHTML = html;
  document.title = title ? `${title} – newsgraph` : 'newsgraph';
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
}

const docLink = (id, title) => link(`doc/${enc(id)}`, title || id);

async function home() {
  const page = await api('stories?limit=100');
  show(`<h1>Stories</h1>${page.items.length ? '' : '<p>The store holds no stories yet.</p>'}
    <ul class="list" id="stories">${page.items.map((s) => `<li>${link(`story/${s.id}`, s.title)} <span class="muted">${s.documents} article${s.documents === 1 ? '' : 's'}</span></li>`).join('')}</ul>`);
}

async function search(q) {
  document.getElementById('q').value = q;
  const hits = await api(`search?limit=50&q=${enc(q)}`);
  const stories = await storiesOfHits(hits);
  const hitLink = (hit) => hit.kind === 'entity' ? link(`entity/${enc(hit.id)}`, hit.title) : docLink(hit.id, hit.title || hit.id);
  show(`<h1>Search: ${esc(q)}</h1>
    ${stories.length ? `<h2>Stories</h2><ul class="list" id="story-hits">${stories.map((s) => `<li>${link(`story/${s.id}`, s.title)}</li>`).join('')}</ul>` : ''}
    <h2>Matches</h2>${hits.items.length ? '' : '<p>Nothing found.</p>'}
    <ul class="list" id="hits">${hits.items.map((hit) => `<li><span class="badge">${esc(hit.kind)}</span>${hitLink(hit)}<div class="muted">${esc(hit.snippet)}</div></li>`).join('')}</ul>`, q);
}

// The stories whose articles match: the search API returns articles, and
// the reader mostly wants the story they belong to.
async function storiesOfHits(hits) {
  const documents = new Set(hits.items.filter((h) => h.kind !== 'entity').map((h) => h.id));
  if (!documents.size) return [];
  const found = [];
  let cursor = '';
  for (let pages = 0; pages < 5; pages++) {
    const page = await api(`stories?limit=200${cursor}`);
    for (const story of page.items) found.push(story);
    if (!page.next_cursor) break;
    cursor = `&cursor=${enc(page.next_cursor)}`;
  }
  const details = await Promise.all(found.slice(0, 50).map((s) => api(`stories/${s.id}`).catch(() => null)));
  return details.filter((d) => d && d.documents.some((doc) => documents.has(doc.id)));
}

function mapSvg(places, world) {
  if (!places.length) return '<p class="muted">No places mapped.</p>';
  // Frame the towns and provinces; a country's or region's centre would
  // stretch the view over half the world.
  // Of those, the ones near the most mentioned (places come most mentioned
  // first): one far-off capital should not shrink the theatre to a dot.
  const specific = places.filter((p) => !['country', 'region', 'other'].includes(p.kind));
  const anchor = (specific.length ? specific : places)[0];
  const framed = (specific.length ? specific : places).filter((p) => Math.abs(p.lon - anchor.lon) < 25 && Math.abs(p.lat - anchor.lat) < 15);
  const xs = framed.map((p) => p.lon + 180), ys = framed.map((p) => 90 - p.lat);
  const pad = 4;
  // Extra room on the right for the labels.
  let [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad * 2.5, Math.min(...ys) - pad, Math.max(...ys) + pad];
  // At least a country-sized window, in the map's 2:1 shape.
  let w = Math.max(x1 - x0, 16), h = Math.max(y1 - y0, 8);
  if (w < h * 2) w = h * 2; else h = w / 2;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  x0 = cx - w / 2; y0 = cy - h / 2;
  const r = w / 150, font = w / 60;
  const spelled = (p) => p.texts.filter((t) => t !== p.name);
  const pins = places.map((p) => `<g class="pin" data-place="${esc(p.name)}" data-texts="${esc(p.texts.join('|'))}"><title>${esc(p.name)}${spelled(p).length ? ` (“${esc(spelled(p).join('”, “'))}”)` : ''}, ${p.mentions} mention${p.mentions === 1 ? '' : 's'}</title>
    <circle cx="${p.lon + 180}" cy="${90 - p.lat}" r="${r}"></circle><text x="${p.lon + 180 + r * 1.4}" y="${90 - p.lat + font / 3}" font-size="${font}">${esc(p.name)}</text></g>`).join('');
  return `<svg class="map" role="img" aria-label="Map of ${esc(places.map((p) => p.name).join(', '))}" viewBox="${x0} ${y0} ${w} ${h}">
    ${world.countries.map((c) => `<path d="${c.d}"><title>${esc(c.name)}</title></path>`).join('')}${pins}</svg>`;
}

let worldMap = null;
const world = async () => worldMap ??= await (await fetch('/world.json')).json();

const sideHtml = (side, label) => `<div class="side"><div class="muted">${label} · ${docLink(side.document)}${side.claimant ? ` · according to <strong>${esc(side.claimant)}</strong>` : ''}</div><blockquote>${esc(side.text)}</blockquote></div>`;

async function story(id) {
  const [s, w] = await Promise.all([api(`stories/${enc(id)}`), world()]);
  const entry = (e) => `<li class="kind-${e.kind}" data-kind="${e.kind}"><span class="date">${esc(e.date || 'undated')}</span>
    <div>${badge(e.status)}${e.kind === 'quote' ? `<strong class="who">${esc(e.who || 'unknown speaker')}</strong>: “${esc(e.text)}”` : `${esc(e.text)}${e.who ? ` <span class="muted">by ${esc(e.who)}</span>` : ''}`}
    <span class="muted">· ${docLink(e.document, 'source')}</span></div></li>`;
  show(`<h1>${esc(s.title)}</h1>
    <h2>Articles</h2><ul class="list" id="articles">${s.documents.map((d) => `<li>${docLink(d.id, d.title || d.id)} <span class="muted">${esc(d.source)} · ${esc(d.published || 'undated')}</span></li>`).join('')}</ul>
    <h2>Map</h2><div id="map">${mapSvg(s.places, w)}</div>
    <h2>Where sources disagree</h2>${s.contradictions.length ? '' : '<p class="muted">No contradictions found.</p>'}
    <div id="contradictions">${s.contradictions.map((c) => `<section class="contradiction"><div class="muted">${esc(c.reason)}</div><div class="grid2">${sideHtml(c.a, 'One source')}${sideHtml(c.b, 'Another source')}</div></section>`).join('')}</div>
    <h2>Timeline</h2><ul class="list timeline" id="timeline">${s.timeline.map(entry).join('')}</ul>`, s.title);
}

const eventLine = (e) => `<li>${e.statuses.split(',').filter(Boolean).map(badge).join('')}<strong>${esc(e.plover)}</strong> (${esc(e.cameo)})
  ${e.source ? `by ${esc(e.source)}` : ''}${e.target ? ` → ${esc(e.target)}` : ''}${e.place ? ` in ${esc(e.place)}` : ''} <span class="muted">${esc(e.date || '')}</span></li>`;

async function entity(path) {
  const e = await api(path);
  const accused = e.events_as_source.filter((ev) => /claimed|denied|unverified/.test(ev.statuses));
  show(`<h1>${esc(e.name)}</h1><p class="muted">${esc(e.type)}${e.actor ? ` · ${esc(e.actor)}` : ''}${e.country ? ` · ${esc(e.country)}` : ''} · in ${e.documents} article${e.documents === 1 ? '' : 's'} · also ${esc(e.names.map((n) => n.name).join(', '))}</p>
    <h2>What they said</h2>${e.quotes.length ? '' : '<p class="muted">No quotes.</p>'}<ul class="list" id="said">${e.quotes.map((q) => `<li>${badge(q.kind)}“${esc(q.text)}” <span class="muted">${esc(q.cue)} · ${docLink(q.document, 'source')}</span></li>`).join('')}</ul>
    <div class="two"><div><h2>What they did (to whom)</h2><ul class="list" id="did">${e.events_as_source.map(eventLine).join('') || '<li class="muted">Nothing recorded.</li>'}</ul></div>
    <div><h2>Done to them</h2><ul class="list" id="target">${e.events_as_target.map(eventLine).join('') || '<li class="muted">Nothing recorded.</li>'}</ul></div></div>
    <h2>Accused of (claimed, not confirmed)</h2><ul class="list" id="accused">${accused.map(eventLine).join('') || '<li class="muted">Nothing.</li>'}</ul>
    <h2>Appears with</h2><ul class="list" id="with">${e.co_occurring.map((c) => `<li>${link(`entity/${c.id}`, c.name)} <span class="muted">${esc(c.type)} · ${c.documents} shared article${c.documents === 1 ? '' : 's'}</span></li>`).join('')}</ul>`, e.name);
}

// Highlights every annotation of a record in its text. Offsets are code
// points; each stretch between two span boundaries is wrapped in the marks
// of all spans covering it, so overlapping spans nest correctly.
function annotate(record) {
  const chars = Array.from(record.text);
  const names = Object.fromEntries(record.entities.map((e) => [e.id, e.name]));
  const spans = [];
  for (const q of record.quotes) spans.push({ start: q.start, end: q.end, cls: 'm-quote', title: `quote by ${names[q.speaker] || q.speaker_text || 'unknown'}`, speaker: names[q.speaker] || q.speaker_text || 'unknown', rank: 0 });
  for (const e of record.entities) for (const m of e.mentions) spans.push({ start: m.start, end: m.end, cls: `m-${e.type}`, title: `${e.type}: ${e.name}`, href: `#/entity-name/${enc(e.name)}`, rank: 1 });
  for (const p of record.places) spans.push({ start: p.start, end: p.end, cls: 'm-place', title: `place: ${p.name} (${p.country || ''})`, rank: 2 });
  for (const t of record.timexes) spans.push({ start: t.start, end: t.end, cls: 'm-date', title: `date: ${t.value}`, rank: 2 });
  for (const ev of record.events) spans.push({ start: ev.trigger.start, end: ev.trigger.end, cls: 'm-event', title: `event ${ev.plover} (${ev.cameo}), ${ev.status}`, rank: 3 });
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let piece = esc(chars.slice(from, to).join(''));
    const covering = spans.filter((s) => s.start <= from && s.end >= to && s.start < s.end).sort((a, b) => b.rank - a.rank);
    for (const s of covering) {
      piece = s.href ? `<a class="${s.cls}" href="${s.href}" title="${esc(s.title)}">${piece}</a>` : `<mark class="${s.cls}" title="${esc(s.title)}">${piece}</mark>`;
    }
    const starting = spans.filter((s) => s.speaker && s.start === from);
    html += starting.map((s) => `<span class="speaker">${esc(s.speaker)}</span>`).join('') + piece;
  }
  return html;
}

async function documentView(id) {
  const r = await api(`documents/${enc(id)}`);
  const names = Object.fromEntries(r.entities.map((e) => [e.id, e.name]));
  show(`<h1>${esc(r.title || r.id)}</h1><p class="muted">${esc(r.source || '')} · ${esc(r.published || 'undated')} · ${esc(r.id)}</p>
    <p class="legend muted"><span class="m-PERSON">person</span><span class="m-ORG">organisation</span><span class="m-place">place</span><span class="m-date">date</span><span class="m-event">event</span><span class="m-quote">quote</span></p>
    <div class="article" id="article">${annotate(r)}</div>
    <h2>Quotes</h2><ul class="list" id="quotes">${r.quotes.map((q) => `<li><strong class="who">${esc(names[q.speaker] || q.speaker_text || 'unknown')}</strong> ${badge(q.kind)}“${esc(q.text)}”</li>`).join('')}</ul>
    <h2>Events</h2><ul class="list">${r.events.map((e) => `<li>${badge(e.status)}<strong>${esc(e.plover)}</strong> (${esc(e.cameo)}) “${esc(e.trigger.text)}”${e.source ? ` by ${esc(e.source.text)}` : ''}${e.target ? ` → ${esc(e.target.text)}` : ''} <span class="muted">${esc(e.date || '')}</span></li>`).join('')}</ul>`, r.title);
}

async function route() {
  const [view, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const arg = decodeURIComponent(rest.join('/'));
  try {
    if (view === 'story' && arg) await story(arg);
    else if (view === 'entity' && arg) await entity(`entities/${enc(arg)}`);
    else if (view === 'entity-name' && arg) await entity(`entities?name=${enc(arg)}`);
    else if (view === 'doc' && arg) await documentView(arg);
    else if (view === 'search' && arg) await search(arg);
    else await home();
  } catch (error) {
    show(`<h1>Not available</h1><p class="error">${esc(error.message)}</p><p>${link('', 'Back to the stories')}</p>`);
  }
}

document.getElementById('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) location.hash = `#/search/${enc(q)}`;
});
window.addEventListener('hashchange', route);
route();
