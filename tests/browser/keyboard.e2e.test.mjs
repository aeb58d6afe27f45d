// The planner's whole journey with the keyboard only, as a patient who cannot use a
// mouse or a touch screen would, on the sample site in real headless Chromium: Tab to
// each control by its visible label, choose with the arrow keys and Space, press Enter.
// Every stop on the way has a visible focus ring, on screen and not covered (WCAG
// 2.4.7, 2.4.11); starting a plan moves focus to today, saving a session to the
// message that says what happened, and the delete question gives focus back to its
// button when cancelled.
//
// A fresh tester then printed "My progress" (whose chart's heading was an h4 under its
// h1, now an h2) on the day of a bad flare-up, to show the
// physiotherapist: it said "Days over the pain rules: 0" and counted the day as just
// "Today", because the day was not over yet. A day whose session broke a pain rule is
// now counted over the pain rules the moment it is logged (static/planner/summary.js).
//
// With that plan, the planner and "My progress" are read at 640 and 320 CSS px (a 1280 px
// window at 200% and 400%), with and without WCAG 1.4.12's text spacing: the page never
// scrolls sideways (only a table's own region may). "My progress" did, at both widths:
// its eight-column table and its list of facts, whose names could not wrap.
//
//   cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/keyboard.e2e.test.mjs
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path) and
// poppler-utils (pdftotext).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, plannerSettled, startSite, closeSite } from './helpers.mjs';
import { printToPdf, pdfText, pdfLayoutText } from './print.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-keyboard-e2e-'));
let browser, page, server, origin;
/** Every focus stop so far that had no visible ring, was off screen or was covered. */
const badStops = [];

/** What has focus: its visible label (or text), and whether a person can see it. */
const focused = () => page.eval(`(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { name: '(the browser)' };
  const label = el.type === 'radio' ? el.closest('fieldset').querySelector('legend').textContent + ': ' + el.labels[0].textContent.trim()
    : el.labels && el.labels.length ? el.labels[0].textContent
    : el.textContent;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const x = Math.min(innerWidth - 1, Math.max(0, r.left + r.width / 2)), y = Math.min(innerHeight - 1, Math.max(0, r.top + Math.min(r.height / 2, 8)));
  const hit = document.elementFromPoint(x, y);
  return {
    id: el.id,
    name: label.replace(/\\s+/g, ' ').trim(),
    ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
    onScreen: r.bottom > 0 && r.top < innerHeight && r.width > 0,
    covered: !!hit && !(el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(hit))))
  };
})()`);

/** Press Tab until the focused control's label matches `re`; checks every stop on the way. */
async function tabTo(re, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.press('Tab');
    const f = await focused();
    // Past the page's last control focus leaves the page for the browser's own bar.
    if (f.id !== undefined && (!f.ring || !f.onScreen || f.covered)) badStops.push(`${f.name}: ring ${f.ring}, on screen ${f.onScreen}, covered ${f.covered}`);
    if (re.test(f.name)) return f;
  }
  throw new Error(`Tab never reached ${re}`);
}

/** With a <select> focused, press the arrow keys until its chosen option reads `text`. */
async function arrowTo(text) {
  for (let i = 0; i < 20; i++) {
    if (await page.eval(`document.activeElement.selectedOptions[0].textContent.trim()`) === text) return;
    await page.press('ArrowDown');
  }
  throw new Error(`no option "${text}"`);
}

const status = () => page.eval(`document.getElementById('pl-status').textContent.replace(/\\s+/g, ' ').trim()`);

before(async () => {
  ({ server, origin, browser, page } = await startSite(repo, join(work, 'site')));
  await page.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 720, deviceScaleFactor: 2, mobile: false });
  await page.goto(`${origin}/planner/hamstring/`);
});

after(() => closeSite({ browser, server }, work));

describe('the planner with the keyboard only (a 1280 px window at 200%)', () => {
  it('starts a plan: focus moves to today', async () => {
    await tabTo(/^Your usual pain, on average/);
    await arrowTo('2');
    await tabTo(/^Start my plan$/);
    await page.press('Enter');
    await page.waitUntil(`document.activeElement && document.activeElement.id === 'pl-today-h'`, [], { what: 'focus on today' });
    assert.match(await status(), /^Your plan has started\./);
  });

  it('logs a bad flare-up: focus moves to the message, which says to stop', async () => {
    await plannerSettled(page);
    await tabTo(/^Did you do this session\?: Yes$/);
    await page.press('Space');
    await tabTo(/^Reps you managed in each set$/);
    await page.type('5');
    await tabTo(/^How much did your pain go up during it\?/);
    await arrowTo('5');
    // Tab reaches a group of radio buttons once; the arrow keys choose within it.
    await tabTo(/^Afterwards, did your pain stay.*: Yes$/);
    await page.press('ArrowDown');
    assert.match((await focused()).name, /: No$/);
    assert.equal(await page.eval(`document.activeElement.checked`), true);
    await tabTo(/^Note \(optional\)$/);
    await page.type('Sore after the stairs at work, then the bus home');
    await tabTo(/^Save session$/);
    await page.press('Enter');
    await page.waitUntil(`document.activeElement && document.activeElement.id === 'pl-status'`, [], { what: 'focus on the message' });
    assert.match(await status(), /^Saved session 1 for today\. Stop your exercises for today\./);
    assert.match(await page.eval(`document.getElementById('planner-app').innerText`), /Your pain flared up badly\. Please contact the clinic today\./);
  });

  it('the delete question, cancelled, gives focus back to its button', async () => {
    await tabTo(/^Delete my data$/);
    await page.press('Enter');
    await page.waitUntil(`document.activeElement && document.activeElement.id === 'pl-confirm-text'`, [], { what: 'focus on the question' });
    await tabTo(/^Cancel$/, 5);
    await page.press('Enter');
    await page.waitUntil(`document.activeElement && document.activeElement.id === 'pl-delete'`, [], { what: 'focus back on the button' });
    assert.equal(await status(), 'Nothing was deleted.');
  });

  it('every focus stop on the way had a visible ring, on screen and not covered', () => {
    assert.deepEqual(badStops, []);
  });

  it('"My progress", printed on the flare-up day, counts the day over the pain rules', async () => {
    await page.goto(`${origin}/planner/hamstring/summary/`);
    await page.waitUntil(`!!document.querySelector('.summary-facts')`, [], { what: 'the summary' });
    // Its headings go down one level at a time, as a screen reader's list of them shows.
    const levels = await page.eval(`[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]))`);
    assert.deepEqual(levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1), [], `headings ${levels}`);
    const pdf = await printToPdf(page, join(work, 'summary.pdf'));
    assert.match(pdfText(pdf), /Days over the pain rules 1 /);
    // The day's row, as laid out on the sheet: its cells on one line.
    const row = pdfLayoutText(pdf).split('\n').find((l) => /Double leg bridge 2 x 5\s+1 of 2/.test(l));
    assert.match(row, /1 of 2\s+5\s+no\s+Over the pain rules\s+-\s+1: Sore after/);
  });
});

/** WCAG 1.4.12's text spacing, as a reader's own style sheet would set it. */
const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } ' +
  'p { margin-bottom: 2em !important; }';

/** What reaches past the screen's edge at `width` CSS px, outside a region that scrolls on its own. */
async function overflowAt(path, width, spacing) {
  await page.send('Emulation.setDeviceMetricsOverride', { width, height: 720, deviceScaleFactor: 1280 / width, mobile: false });
  await page.goto(origin + path);
  if (path.endsWith('/summary/')) await page.waitUntil(`!!document.querySelector('.summary-facts')`, [], { what: 'the summary' });
  else await plannerSettled(page);
  if (spacing) await page.eval(`(() => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(SPACING)}; document.head.append(s); })()`);
  await page.eval('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return page.eval(`(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');
    const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true; return false; };
    for (const el of document.querySelectorAll('main *')) {
      if (scrolls(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > w + 0.5 || r.left < -0.5)) out.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"');
    }
    // "My progress"'s facts: each value keeps at least 40% of the width (not squeezed
    // to a letter a line beside its name).
    for (const dd of document.querySelectorAll('.summary-facts dd')) {
      const list = dd.parentElement.getBoundingClientRect().width;
      if (dd.getBoundingClientRect().width < 0.4 * list) out.push('a squeezed value: "' + dd.textContent.slice(0, 30) + '" ' + Math.round(dd.getBoundingClientRect().width) + ' px of ' + Math.round(list));
    }
    return out.slice(0, 5);
  })()`);
}

describe('zoomed to 200% and 400%, with and without text spacing, after a flare-up', () => {
  for (const path of ['/planner/hamstring/', '/planner/hamstring/summary/']) {
    for (const width of [640, 320]) {
      for (const spacing of [false, true]) {
        it(`${path} at ${width} px${spacing ? ' with text spacing' : ''} does not scroll sideways`, async () => {
          assert.deepEqual(await overflowAt(path, width, spacing), []);
        });
      }
    }
  }
});
