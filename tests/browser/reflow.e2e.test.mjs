// Pages a clinic writes with long words, long addresses and code fit a 320 px phone
// (WCAG 2.2 1.4.10 Reflow: 320 CSS px, the width of a 1280 px window at 400% zoom, or a
// 320 px phone at 100%): no sideways scroll of the page, whatever the titles are. A
// fresh tester found one long word in a page's title pushed the menu, the home page's
// cards and the title past the screen's edge, a long exercise name the ladder handout,
// and a long line in a code block the page. A wide Markdown table made the page scroll
// sideways too: it now scrolls on its own, in a region a keyboard reaches with Tab and a
// screen reader names, and prints whole.
// Run: cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/reflow.e2e.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, axeAudit, printedText, startSite, closeSite } from './helpers.mjs';

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
  writeFileSync(join(site, 'content/doses.md'), [
    '---', 'title: Doses', '---', '',
    'How much to do each week.', '',
    '## Weekly doses', '',
    '| Week | Exercise | Sets | Repetitions | Resistance band | What to do if it hurts |',
    '| --- | --- | --- | --- | --- | --- |',
    '| 1 | Sit to stand from a kitchen chair | 2 | 8 | Yellow (lightest) | Stop, rest and try fewer repetitions tomorrow |',
    '| 2 | Sit to stand from a kitchen chair | 3 | 8 | Red (medium) | Go back to last week\'s dose for two days |',
    ''
  ].join('\n'));
  const index = join(site, 'content/index.md');
  writeFileSync(index, readFileSync(index, 'utf8') + '\n[A page with long words](@/long.md)\n\n[Doses](@/doses.md)\n');
  ({ server, origin: base, browser, page } = await startSite(site, join(work, 'out')));
});

after(() => closeSite({ browser, server }, work));

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

describe('a wide Markdown table at 320 px', () => {
  it('scrolls on its own: the page does not scroll sideways', async () => {
    assert.deepEqual(await overflowAt320('/doses/'), []);
    const region = await page.eval(`(() => {
      const r = document.querySelector('main [role="region"]');
      return r && { wider: r.scrollWidth > r.clientWidth, table: !!r.querySelector(':scope > table') };
    })()`);
    assert.deepEqual(region, { wider: true, table: true }, 'the table is wider than the screen, inside its region');
  });

  it('is reached with Tab, named by its heading, and scrolls with the arrow keys', async () => {
    await overflowAt320('/doses/');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.press('Tab');
      reached = await page.eval(`document.activeElement.getAttribute('role') === 'region'`);
    }
    assert.ok(reached, 'Tab reaches the table\'s region');
    const { nodes } = await page.send('Accessibility.getFullAXTree', {});
    const named = nodes.filter((n) => !n.ignored && n.role && n.role.value === 'region').map((n) => n.name && n.name.value);
    assert.deepEqual(named, ['Weekly doses']);
    assert.ok(nodes.some((n) => !n.ignored && n.role && n.role.value === 'table'), 'a screen reader still meets a table');
    const before = await page.eval(`document.activeElement.scrollLeft`);
    await page.press('ArrowRight');
    await page.waitUntil(`document.activeElement.scrollLeft > ${before}`, [], { what: 'the region scrolled by the arrow key' });
  });

  it('passes axe at 320 px', async () => {
    await overflowAt320('/doses/');
    assert.deepEqual(await axeAudit(page, { minImpact: 'minor' }), []);
  });

  it('prints whole: the last column is on paper', async () => {
    await page.send('Emulation.clearDeviceMetricsOverride', {});
    await page.goto(base + '/doses/');
    const text = (await printedText(page)).replace(/\s+/g, ' ');
    for (const words of ['hurts', 'tomorrow', 'days']) assert.ok(text.includes(words), `"${words}" printed: ${text}`);
  });
});
