// Pages a clinic writes with long words, long addresses and code fit a 320 px phone
// (WCAG 2.2 1.4.10 Reflow: 320 CSS px, the width of a 1280 px window at 400% zoom, or a
// 320 px phone at 100%): no sideways scroll of the page, whatever the titles are. A
// fresh tester found one long word in a page's title pushed the menu, the home page's
// cards and the title past the screen's edge, a long exercise name the ladder handout,
// and a long line in a code block the page.
// Run: cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/reflow.e2e.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './cdp.mjs';
import { repo, build, serve, stop } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-reflow-e2e-'));
const LONG = 'Selbsthilfeübungsprogrammbeschreibung';
let browser, page, server, base;

before(async () => {
  const site = join(work, 'site');
  cpSync(join(repo, 'tests/fixtures/sites/basic'), site, { recursive: true });
  writeFileSync(join(site, 'content/long.md'), [
    '---', `title: Rückenschmerzen ${LONG}`, '---', '',
    `## ${LONG}`, '',
    'Read https://www.example.org/a/really/long/address/that/goes/on/and/on/and/on/patients.html first.', '',
    '```', 'a-long-line-of-preformatted-text-that-a-clinic-pasted-from-somewhere-else-entirely', '```', ''
  ].join('\n'));
  const squat = join(site, 'content/exercises/squat.yaml');
  writeFileSync(squat, readFileSync(squat, 'utf8').replace('name: Squat', 'name: Kniebeugeübungsgerätehaltungsbeschreibung'));
  const index = join(site, 'content/index.md');
  writeFileSync(index, readFileSync(index, 'utf8') + '\n[A page with long words](@/long.md)\n');
  build(site, join(work, 'out'));
  server = await serve(join(work, 'out'));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await Browser.launch();
  page = await browser.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await stop(server);
  rmSync(work, { recursive: true, force: true });
});

/** The elements of the header, main and footer that reach past a 320 px screen. */
async function overflowAt320(path) {
  await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
  await page.goto(base + path);
  await page.eval('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return page.eval(`(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');
    // A region that scrolls on its own (the log sheet's table, which a screen reader and
    // a keyboard reach as one) may be wider than the screen; what is inside it counts not.
    const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true; return false; };
    for (const el of document.querySelectorAll('header *:not(.skip-link), main *, footer *')) {
      if (scrolls(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > w + 0.5 || r.left < -0.5)) out.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
    return out;
  })()`);
}

describe('long words at 320 px', () => {
  for (const path of ['/long/', '/', '/about/', '/exercises/', '/exercises/squat/', '/planner/knee/handout/', '/planner/knee/log-sheet/']) {
    it(`${path} fits the screen: the menu, cards, title, headings and code wrap`, async () => {
      assert.deepEqual(await overflowAt320(path), []);
    });
  }
});
