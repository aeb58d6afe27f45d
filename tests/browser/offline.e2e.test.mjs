// With no internet connection, as a patient on a bus would be: the sample site's home
// page and a planner were opened online, then the signal went. A fresh tester found
// that the planner opened and kept its plan, but every other page (the home page seen a
// minute before, a page never opened, the search page) showed the browser's own error
// in English ("This site can't be reached"), with no way to reach the clinic. Now the
// offline helper (src/render/sw.js) answers such a page with a plain page in the
// language of the address asked for, saying the page is not saved on this device, with
// the clinic's phone as a link.
//
// Only planner pages installed the offline helper, so a patient who had opened a
// condition page and lost the signal still got the browser's error. Now every page
// installs it (static/offline.js), and each page opened is kept on the device with the
// site's own files (a capped number, least recently used dropped first): it opens again
// offline; a page never opened gets the plain page; and a new version of the site is
// what a page shows while online, and what it keeps.
//
//   cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/offline.e2e.test.mjs
//
// The server is stopped as well as the page's network switched off: DevTools' network
// switch does not reach the service worker's own requests.
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './cdp.mjs';
import { repo, build, serve, stop, axeAudit, setOffline, startSite, closeSite, kept, shown } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-offline-e2e-'));
let browser, page, server, origin;

/** The element labelled `label` (a visible <label>'s text) in the planner, as a page expression. */
const control = (label) => `[...document.querySelectorAll('#planner-app label')].find((l) =>
  l.getClientRects().length > 0 && l.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(label)}).control`;
const button = (name) => `[...document.querySelectorAll('#planner-app button')].find((b) =>
  b.getClientRects().length > 0 && b.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(name)})`;

before(async () => {
  ({ server, origin, browser, page } = await startSite(repo, join(work, 'site')));
  // Online: the home page, then the planner, where the patient starts a plan.
  await page.goto(origin + '/');
  await page.waitUntil(kept('/'), [], { what: 'the home page kept for offline use', timeout: 20000 });
  await page.goto(origin + '/planner/hamstring/');
  await page.waitUntil(`!!(${button('Start my plan')})`, [], { what: 'the start form' });
  await page.eval(`(() => { const s = ${control('Your usual pain, on average')}; s.value = '2'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  await page.clickAt(button('Start my plan'));
  await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the started plan' });
  await page.waitUntil(`/works on this device without an internet connection/.test(document.getElementById('pl-offline')?.textContent || '')`,
    [], { what: 'the planner kept for offline use', timeout: 20000 });
  await stop(server);
  await setOffline(page, true);
});

after(() => closeSite({ browser, server }, work));

describe('with no internet connection', () => {
  it('the planner opens and keeps the plan started online', async () => {
    await page.goto(origin + '/planner/hamstring/');
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the planner, offline' });
    assert.equal(await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring')).usual_pain`), 2);
  });

  it('the home page, opened online before, opens from the device', async () => {
    await page.goto(origin + '/');
    const s = await shown(page);
    assert.equal(s.h1, 'Help for pain, at home');
    assert.notEqual(s.title, 'No internet connection');
  });

  for (const path of ['/contact/', '/search/', '/pacing/']) {
    it(`${path}, not saved on this device, says so plainly in English with the clinic's phone, not a browser error`, async () => {
      await page.goto(origin + path);
      const s = await shown(page);
      assert.equal(s.lang, 'en-GB');
      assert.equal(s.title, 'No internet connection');
      assert.equal(s.h1, 'This page is not saved on this device');
      assert.match(s.text, /An exercise plan you have opened on this device before still works/);
      assert.deepEqual(s.tel, ['tel:01632960123 01632 960 123']);
    });
  }

  it('a Spanish page not saved says so in Spanish', async () => {
    await page.goto(origin + '/es/planner/hamstring/');
    const s = await shown(page);
    assert.equal(s.lang, 'es');
    assert.equal(s.h1, 'Esta página no está guardada en este dispositivo');
    assert.match(s.text, /Para hablar con la clínica, llame al 01632 960 123\./);
    assert.deepEqual(s.tel, ['tel:01632960123 01632 960 123']);
  });

  it('the offline page has the site\'s styles, fits 320 px and is clean under axe-core', async () => {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      await page.goto(origin + '/contact/');
      // style.css is one of the files the planner page kept.
      assert.equal(await page.eval(`getComputedStyle(document.querySelector('main')).marginLeft === getComputedStyle(document.querySelector('main')).marginRight && document.styleSheets[0].cssRules.length > 10`), true);
      assert.ok(await page.eval(`document.documentElement.scrollWidth <= document.documentElement.clientWidth`));
      assert.deepEqual(await axeAudit(page), []);
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride');
    }
  });
});


// A patient who never opened a planner: a condition page read on the bus, then the
// signal went. And the clinic publishing a new version while the patient is online.
describe('offline, no planner ever opened', () => {
  const site = join(work, 'basic');
  const out = join(work, 'basic-out');
  let b, p, srv, port;

  before(async () => {
    cpSync(join(repo, 'tests/fixtures/sites/basic'), site, { recursive: true });
    build(site, out);
    srv = await serve(out);
    port = srv.address().port;
    b = await Browser.launch();
    p = await b.newPage();
  });

  after(async () => {
    if (b) await b.close();
    if (srv) await stop(srv);
  });

  const at = (path) => `http://127.0.0.1:${port}${path}`;
  const view = () => p.eval(`({ h1: (document.querySelector('h1') || {}).textContent, text: document.body.innerText.replace(/\\s+/g, ' '),
    styled: [...document.styleSheets].some((s) => s.href && s.href.endsWith('/style.css') && s.cssRules.length > 10) })`);

  it('the first page opened is kept, with its styles, and opens with no connection', async () => {
    await p.goto(at('/guides/knee/'));
    await p.waitUntil(kept('/guides/knee/'), [], { what: 'the page kept for offline use', timeout: 20000 });
    await p.waitUntil(kept('/style.css'), [], { what: 'its styles kept', timeout: 20000 });
    // The next page is fetched through the worker and kept as it is opened.
    await p.goto(at('/guides/pacing/'));
    await p.waitUntil(kept('/guides/pacing/'), [], { what: 'the second page kept', timeout: 20000 });
    await stop(srv);
    srv = null;
    await setOffline(p, true);
    await p.goto(at('/guides/knee/'));
    let v = await view();
    assert.equal(v.h1, 'Knee pain');
    assert.match(v.text, /Knee pain is common\./);
    assert.ok(v.styled, 'with the site\'s styles');
    await p.goto(at('/guides/pacing/'));
    assert.notEqual((await view()).h1, 'This page is not saved on this device');
    // A page never opened: the plain page, not the browser's error.
    await p.goto(at('/about/'));
    v = await view();
    assert.equal(v.h1, 'This page is not saved on this device');
    assert.match(v.text, /01632 960 000/);
    // Nothing from elsewhere, nothing never opened.
    const names = await p.eval(`caches.open('sinew-visited:/').then((c) => c.keys()).then((ks) => ks.map((r) => new URL(r.url).pathname))`);
    assert.deepEqual(names.filter((n) => n.endsWith('/') || n.endsWith('.html')).sort(), ['/guides/knee/', '/guides/pacing/'], names.join(' '));
    assert.ok(names.includes('/style.css'), names.join(' '));
    assert.equal(await p.eval(`caches.keys().then((ks) => ks.filter((k) => !k.startsWith('sinew-')).length)`), 0);
  });

  it('a new version of the site is what a page shows online, and what it keeps', async () => {
    await setOffline(p, false);
    const knee = join(site, 'content/guides/knee.md');
    writeFileSync(knee, readFileSync(knee, 'utf8').replace('Knee pain is common.', 'Knee pain is common, and it often gets better.'));
    build(site, out);
    srv = await serve(out, { port });
    await p.goto(at('/guides/knee/'));
    assert.match((await view()).text, /Knee pain is common, and it often gets better\./, 'online: the new version, not the kept one');
    await p.waitUntil(`caches.open('sinew-visited:/').then((c) => c.match(location.href)).then((r) => r && r.text()).then((t) => !!t && t.includes('often gets better'))`,
      [], { what: 'the kept copy brought up to date', timeout: 20000 });
    await stop(srv);
    srv = null;
    await setOffline(p, true);
    await p.reload();
    assert.match((await view()).text, /Knee pain is common, and it often gets better\./, 'offline: the copy of the new version');
  });
});
