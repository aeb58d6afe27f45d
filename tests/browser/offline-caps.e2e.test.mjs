// The offline helper's caps, in real Chromium. docs/planner.md ("Offline use") promises
// for the pages a patient opened: "At most 120 files, none over 1 MB; past 120 the one
// fetched longest ago goes first" (src/render/sw.js: MAX_VISITED, MAX_VISITED_BYTES,
// `remember`). On a small site written here (130 one-paragraph leaflets, a page with two
// pictures, one just under 1 MB and one just over) a patient opens every leaflet online,
// one after another, then loses the signal: the first leaflets say plainly they are not
// saved on this device, the last ones open from it. Back online, opening the oldest
// leaflet still kept moves it to the end: it stays and the next oldest goes instead. The
// picture over 1 MB is never kept: offline the page shows without it.
//
//   cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/offline-caps.e2e.test.mjs
//
// What the patient sees (headings, the offline page, whether a picture shows) is what is
// checked; the worker's cache is read only to wait until it kept a page and to count its
// files. As in offline.e2e.test.mjs the server is stopped as well as the page's network
// switched off: DevTools' network switch does not reach the service worker's own requests.
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, stop, setOffline, startSite, closeSite, kept, shown } from './helpers.mjs';

/** "At most 120 files" (MAX_VISITED in src/render/sw.js). */
const CAP = 120;
/** More leaflets than the cap. */
const LEAFLETS = 130;
/** "None over 1 MB": 1 MB as `sinew check` counts a picture's size (1,000,000 bytes). */
const MB = 1000 * 1000;
const NOT_SAVED = 'This page is not saved on this device';

const work = mkdtempSync(join(tmpdir(), 'sinew-offline-caps-e2e-'));
const root = join(work, 'site');
const out = join(work, 'out');
let started = {};
let page, origin;

const number = (i) => String(i).padStart(3, '0');
const leaflet = (i) => `/leaflets/${number(i)}/`;
const heading = (i) => `Leaflet ${number(i)}`;

/** A picture of exactly `bytes` bytes: a blue square, padded with an SVG comment. */
function picture(bytes) {
  const head = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><rect width="120" height="120" fill="#2a5d8f"/><!-- ';
  const tail = ' --></svg>\n';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

/** The clinic's site: a home page, the leaflets and the page with two pictures. */
function writeSite() {
  mkdirSync(join(root, 'content', 'leaflets'), { recursive: true });
  mkdirSync(join(root, 'static', 'images'), { recursive: true });
  writeFileSync(join(root, 'site.yaml'), 'title: Caps Clinic\nclinic:\n  name: Caps Clinic\n  phone: "01632 960 777"\n');
  writeFileSync(join(root, 'content', 'index.md'), '---\ntitle: Welcome\n---\nRead our leaflets.\n');
  for (let i = 1; i <= LEAFLETS; i++) {
    writeFileSync(join(root, 'content', 'leaflets', `${number(i)}.md`),
      `---\ntitle: ${heading(i)}\n---\nThis is leaflet ${number(i)} of the clinic's short leaflets.\n`);
  }
  writeFileSync(join(root, 'static', 'images', 'under.svg'), picture(MB - 1000));
  writeFileSync(join(root, 'static', 'images', 'over.svg'), picture(MB + 1000));
  writeFileSync(join(root, 'content', 'diagrams.md'), '---\ntitle: Knee diagrams\n---\nTwo diagrams of the knee.\n\n' +
    '![The knee from the front](/images/under.svg)\n\n![The knee from the side](/images/over.svg)\n');
}

/** Open `path` online and wait until the worker kept it, and kept no more than the cap. */
async function openOnline(path) {
  await page.goto(origin + path);
  await page.waitUntil(kept(path), [], { what: `${path} kept for offline use`, timeout: 20000 });
  await page.waitUntil(`caches.open('sinew-visited:/').then((c) => c.keys()).then((ks) => ks.length <= ${CAP})`, [],
    { what: `at most ${CAP} files kept after opening ${path}` });
}

/**
 * With no connection, wait until the worker's copies are settled (the same list twice,
 * 300 ms apart: a file fetched again is taken out and put back at the end) and count
 * them: `{ pages, files }`, the leaflets kept and the other files kept.
 */
async function settledOffline() {
  const list = await page.waitUntil(`(async () => {
    const read = () => caches.open('sinew-visited:/').then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname));
    const a = JSON.stringify(await read());
    await new Promise((r) => setTimeout(r, 300));
    const b = await read();
    return a === JSON.stringify(b) && b;
  })()`, [], { what: 'the copies kept settled' });
  return { pages: list.filter((p) => p.startsWith('/leaflets/')).length, files: list.filter((p) => !p.startsWith('/leaflets/')) };
}

/** Whether the main heading of `path`, opened now, is its own (true) or the offline page's (false). */
async function opensOffline(path, own) {
  await page.goto(origin + path);
  const { h1 } = await shown(page);
  if (h1 === own) return true;
  assert.equal(h1, NOT_SAVED, `${path} shows neither its own heading nor the offline page`);
  return false;
}

/** The pictures of the page shown: their text alternative and whether they show. */
const pictures = () => page.eval(`[...document.querySelectorAll('main img')].map((i) =>
  ({ alt: i.alt, shows: i.complete && i.naturalWidth > 0 }))`);

async function goOffline() {
  await stop(started.server);
  await setOffline(page, true);
}

async function goOnline() {
  started.server = await serve(out, { port: Number(new URL(origin).port) });
  await setOffline(page, false);
}

before(async () => {
  writeSite();
  started = await startSite(root, out);
  ({ page, origin } = started);
});

after(() => closeSite(started, work));

describe('the offline helper keeps at most 120 files, the least recently fetched going first', () => {
  // The leaflets kept after the first visits: first..LEAFLETS.
  let first;

  it('opening 130 leaflets online keeps at most 120 files at every step', async () => {
    for (let i = 1; i <= LEAFLETS; i++) await openOnline(leaflet(i));
  });

  it('with no connection the first leaflets opened say they are not saved, the last open from the device', async () => {
    await goOffline();
    const { pages, files } = await settledOffline();
    // Full: the last leaflets, and the site's own files every page uses (styles, scripts, icons).
    assert.equal(pages + files.length, CAP, files.join(' '));
    assert.ok(files.includes('/style.css') && files.length < 10, files.join(' '));
    first = LEAFLETS - pages + 1;
    assert.ok(first > 1, 'more leaflets opened than kept');
    // The first, those around the oldest kept, every tenth and the last.
    const seen = [...new Set([1, first - 2, first - 1, first, first + 1, first + 2,
      ...Array.from({ length: LEAFLETS / 10 }, (_, k) => (k + 1) * 10)])].sort((a, b) => a - b);
    const says = (i, opens) => `${heading(i)}: ${opens ? 'opens' : 'not saved'}`;
    const opened = [];
    for (const i of seen) opened.push(says(i, await opensOffline(leaflet(i), heading(i))));
    assert.deepEqual(opened, seen.map((i) => says(i, i >= first)));
    // The first one's page is the plain one, with the clinic's phone.
    await page.goto(origin + leaflet(1));
    const s = await shown(page);
    assert.equal(s.title, 'No internet connection');
    assert.equal(s.h1, NOT_SAVED);
    assert.deepEqual(s.tel, ['tel:01632960777 01632 960 777']);
  });

  it('back online, the oldest leaflet kept, opened again, goes to the end: it stays and the next oldest goes', async () => {
    assert.ok(first, 'the leaflets kept were counted in the test before');
    await goOnline();
    await page.goto(origin + leaflet(first));
    await page.waitUntil(`caches.open('sinew-visited:/').then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname))
      .then((ps) => ps.indexOf(${JSON.stringify(leaflet(first))}) > ps.indexOf(${JSON.stringify(leaflet(LEAFLETS))}))`,
    [], { what: `${leaflet(first)} kept again, after the last leaflet` });
    // A page never opened: one file more than the cap.
    await openOnline('/');
    await goOffline();
    await settledOffline();
    assert.equal(await opensOffline(leaflet(first), heading(first)), true, `${heading(first)}, opened again, opens offline`);
    assert.equal(await opensOffline(leaflet(first + 1), heading(first + 1)), false, `${heading(first + 1)} went instead`);
    assert.equal(await opensOffline(leaflet(LEAFLETS), heading(LEAFLETS)), true);
    assert.equal(await opensOffline('/', 'Welcome'), true);
  });

  it('a picture over 1 MB is not kept; the page using it and a picture under 1 MB are', async () => {
    await goOnline();
    await openOnline('/diagrams/');
    await page.waitUntil(`[...document.querySelectorAll('main img')].every((i) => i.complete && i.naturalWidth > 0)`, [],
      { what: 'both pictures shown online' });
    await page.waitUntil(kept('/images/under.svg'), [], { what: 'the picture under 1 MB kept', timeout: 20000 });
    // The picture over 1 MB was fetched with the other: give its copy, if any, the time
    // the worker took over the other picture and a page more.
    await openOnline(leaflet(LEAFLETS));
    await goOffline();
    const { pages, files } = await settledOffline();
    assert.ok(!files.includes('/images/over.svg') && pages + files.length <= CAP, files.join(' '));
    assert.equal(await opensOffline('/diagrams/', 'Knee diagrams'), true, 'the page with the pictures opens offline');
    assert.deepEqual(await pictures(), [
      { alt: 'The knee from the front', shows: true },
      { alt: 'The knee from the side', shows: false }
    ]);
    assert.equal(await opensOffline('/images/over.svg', null), false, 'the picture over 1 MB, opened on its own, is not saved');
  });
});
