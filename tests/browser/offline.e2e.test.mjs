// With no internet connection, as a patient on a bus would be: the sample site's home
// page and a planner were opened online, then the signal went. A fresh tester found
// that the planner opened and kept its plan, but every other page (the home page seen a
// minute before, a page never opened, the search page) showed the browser's own error
// in English ("This site can't be reached"), with no way to reach the clinic. Now the
// offline helper (src/render/sw.js) answers such a page with a plain page in the
// language of the address asked for, saying the page is not saved on this device, with
// the clinic's phone as a link.
//
//   cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/offline.e2e.test.mjs
//
// The server is stopped as well as the page's network switched off: DevTools' network
// switch does not reach the service worker's own requests.
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { repo, build, serve, stop, axeAudit, setOffline } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-offline-e2e-'));
let browser, page, server, origin;

/** The element labelled `label` (a visible <label>'s text) in the planner, as a page expression. */
const control = (label) => `[...document.querySelectorAll('#planner-app label')].find((l) =>
  l.getClientRects().length > 0 && l.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(label)}).control`;
const button = (name) => `[...document.querySelectorAll('#planner-app button')].find((b) =>
  b.getClientRects().length > 0 && b.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(name)})`;

/** What a page shows: its language, title, main heading, text and the links' targets. */
const shown = () => page.eval(`({
  lang: document.documentElement.lang,
  title: document.title,
  h1: (document.querySelector('h1') || {}).textContent,
  text: document.body.innerText.replace(/\\s+/g, ' '),
  tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href') + ' ' + a.textContent)
})`);

before(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HELP);
  build(repo, join(work, 'site'));
  server = await serve(join(work, 'site'));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await Browser.launch();
  page = await browser.newPage();
  // Online: the home page, then the planner, where the patient starts a plan.
  await page.goto(origin + '/');
  await page.goto(origin + '/planner/hamstring/');
  await page.waitUntil(`!!(${button('Start my plan')})`, [], { what: 'the start form' });
  await page.eval(`(() => { const s = ${control('Your usual pain, on average')}; s.value = '2'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  await page.clickAt(button('Start my plan'));
  await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the started plan' });
  await page.waitUntil(`/works on this device without an internet connection/.test(document.getElementById('pl-offline')?.textContent || '')`,
    [], { what: 'the planner kept for offline use', timeout: 20000 });
  await stop(server);
  server = null;
  await setOffline(page, true);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await stop(server);
  rmSync(work, { recursive: true, force: true });
});

describe('with no internet connection', () => {
  it('the planner opens and keeps the plan started online', async () => {
    await page.goto(origin + '/planner/hamstring/');
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the planner, offline' });
    assert.equal(await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring')).usual_pain`), 2);
  });

  for (const path of ['/', '/contact/', '/search/', '/pacing/']) {
    it(`${path}, not saved on this device, says so plainly in English with the clinic's phone, not a browser error`, async () => {
      await page.goto(origin + path);
      const s = await shown();
      assert.equal(s.lang, 'en-GB');
      assert.equal(s.title, 'No internet connection');
      assert.equal(s.h1, 'This page is not saved on this device');
      assert.match(s.text, /An exercise plan you have opened on this device before still works/);
      assert.deepEqual(s.tel, ['tel:01632960123 01632 960 123']);
    });
  }

  it('a Spanish page not saved says so in Spanish', async () => {
    await page.goto(origin + '/es/planner/hamstring/');
    const s = await shown();
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
