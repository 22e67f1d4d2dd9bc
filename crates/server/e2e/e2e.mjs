// End-to-end test of the page in headless Chromium (Debian's, never a
// downloaded one). Expects a server with the two seed articles at
// $NEWSGRAPH_URL; screenshots go to $ARTIFACTS. Run by run.sh.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.env.NEWSGRAPH_URL || 'http://127.0.0.1:8080';
const artifacts = process.env.ARTIFACTS || 'target/e2e';
mkdirSync(artifacts, { recursive: true });

const failures = [];
function check(condition, what) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures.push(what);
}

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'newsgraph-e2e-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || (await context.newPage());
const offsite = [];
page.on('request', (request) => { if (!request.url().startsWith(base)) offsite.push(request.url()); });
page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));

try {
  // First render: navigation start to the story list on screen.
  const started = Date.now();
  await page.goto(base + '/');
  await page.waitForSelector('#stories li');
  const firstRender = Date.now() - started;
  const paint = await page.evaluate(() => performance.getEntriesByType('paint').map((p) => [p.name, Math.round(p.startTime)]));
  console.log(`first render: story list after ${firstRender} ms; paint ${JSON.stringify(paint)}`);
  check(firstRender < 1000, `first page render under 1 s (${firstRender} ms)`);
  await page.screenshot({ path: join(artifacts, '1-home.png'), fullPage: true });

  // Search by keyboard: type, Enter.
  await page.focus('#q');
  await page.keyboard.type('Kupiansk');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#hits li');
  check(page.url().endsWith('#/search/Kupiansk'), 'search view has a shareable URL');
  await page.screenshot({ path: join(artifacts, '2-search.png'), fullPage: true });
  const storyLink = page.locator('#story-hits a').first();
  check(await storyLink.count() > 0, 'search finds the story');
  await storyLink.click();
  await page.waitForSelector('#timeline li');
  check(/#\/story\/\d+$/.test(page.url()), `story URL ${page.url()}`);

  const timeline = await page.locator('#timeline li').allInnerTexts();
  check(timeline.length >= 3, `timeline has entries (${timeline.length})`);
  check(timeline.some((t) => /claimed|denied|unverified|asserted/i.test(t)), 'timeline shows statuses');
  check(timeline.some((t) => /Ryabkov/.test(t)), 'timeline has Ryabkov\'s quote');
  // A pin answers to the gazetteer name and to the spellings in the text.
  const places = await page.locator('#map .pin').evaluateAll((pins) => pins.flatMap((p) => [p.dataset.place, ...p.dataset.texts.split('|')]));
  check(places.includes('Kupiansk'), `map marker for Kupiansk (${places.join(', ')})`);
  const contradictions = await page.locator('#contradictions .contradiction').allInnerTexts();
  check(contradictions.some((c) => /Kupiansk/.test(c)), 'contradiction about Kupiansk shown');
  check(await page.locator('#contradictions .contradiction .side').count() >= 2, 'contradiction shows both sources side by side');
  await page.screenshot({ path: join(artifacts, '3-story.png'), fullPage: true });

  // The article with Ryabkov's quote: speaker label and highlight.
  const shared = page.url();
  const ryabkov = page.locator('#timeline li', { hasText: 'Ryabkov' }).first();
  await ryabkov.locator('a').last().click();
  await page.waitForSelector('#article');
  const quote = page.locator('#article mark.m-quote').filter({ has: page.locator('xpath=.') });
  check(await quote.count() > 0, 'article highlights quotes');
  const speakers = await page.locator('#article .speaker').allInnerTexts();
  check(speakers.some((s) => /Ryabkov/.test(s)), `Ryabkov named as speaker in the text (${speakers.join(' | ')})`);
  check(await page.locator('#article .m-place').count() > 0 && await page.locator('#article .m-date').count() > 0, 'places and dates highlighted');
  await page.screenshot({ path: join(artifacts, '4-article.png'), fullPage: true });

  // Entity page from a highlighted name.
  await page.locator('#article a.m-PERSON', { hasText: 'Ryabkov' }).first().click();
  await page.waitForSelector('#said');
  check((await page.locator('h1').innerText()).includes('Ryabkov'), 'entity page for Ryabkov');
  check(await page.locator('#said li').count() > 0, 'entity page lists what he said');
  await page.screenshot({ path: join(artifacts, '5-entity.png'), fullPage: true });

  // The seeds make two stories: Kyiv is on the map of the other one.
  await page.goto(base + '/#/search/Kyiv');
  await page.waitForSelector('#story-hits a');
  await page.locator('#story-hits a').first().click();
  await page.waitForSelector('#map .pin');
  const kyivPlaces = await page.locator('#map .pin').evaluateAll((pins) => pins.flatMap((p) => [p.dataset.place, ...p.dataset.texts.split('|')]));
  check(kyivPlaces.includes('Kyiv'), `map marker for Kyiv (${kyivPlaces.join(', ')})`);
  await page.screenshot({ path: join(artifacts, '6-story-kyiv.png'), fullPage: true });

  // A shared link opens the same view in a fresh page, on a phone-sized screen.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(shared);
  await phone.waitForSelector('#timeline li');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `phone: no sideways scrolling (${overflow}px)`);
  await phone.screenshot({ path: join(artifacts, '7-story-phone.png'), fullPage: true });
  check(offsite.length === 0, `nothing fetched off the server (${offsite.join(', ')})`);
} catch (error) {
  failures.push(String(error));
  await page.screenshot({ path: join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
} finally {
  await context.close();
}
if (failures.length) {
  console.error(`e2e: ${failures.length} failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('e2e: all passed');
