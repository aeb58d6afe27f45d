// End-to-end test of the planner page in real headless Chromium.
//
//   node --test tests/browser/
//
// Builds the sample site (and a second fixture site with a different ladder) with
// `cargo run -- build` (or $SINEW_BIN), serves it on 127.0.0.1, and drives
// /planner/<id>/ through visible labels and button names, as a patient would: start a
// plan (and the consultation-first gate), log sessions, see the dose rise, break a pain
// rule and see "stop for today" the same day and "step back" the next, reopen the page
// and find the state kept, answer "too soon to tell" later, unlock a milestone, export,
// delete, import (version-1 files too). It also checks that the page makes no request
// beyond its own files, has no CSP violations or script errors, labels every control,
// keeps targets at least 24x24 px, fits 320 px, passes axe-core, prints the rules, and
// keeps working with the network off (helpers.mjs).
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { validate } from '../js/json-schema.mjs';
import { repo, build, serve, axeAudit, printedText, setOffline, plannerSettled } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-planner-e2e-'));

// In-page helpers: find things the way a patient sees them.
const H = `(() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const app = document.getElementById('planner-app');
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    norm, visible, app,
    control(label) {
      for (const l of app.querySelectorAll('label')) if (visible(l) && norm(l.textContent) === label) return l.control;
      return null;
    },
    radio(group, option, within) {
      const scope = within ? document.querySelector(within) : app;
      for (const f of scope.querySelectorAll('fieldset')) {
        if (!visible(f) || norm(f.querySelector('legend').textContent) !== group) continue;
        for (const l of f.querySelectorAll('label')) if (norm(l.textContent) === option) return l.control;
      }
      return null;
    },
    button(name) {
      for (const b of app.querySelectorAll('button, a, summary')) if (visible(b) && norm(b.textContent) === name) return b;
      return null;
    },
    text(sel) { const el = sel ? document.querySelector(sel) : app; return el ? norm(el.innerText) : null; },
    isVisible(sel) { return visible(document.querySelector(sel)); },
    day(n) {
      const x = new Date(); x.setDate(x.getDate() + n);
      return x.getFullYear() + '-' + String(x.getMonth() + 1).padStart(2, '0') + '-' + String(x.getDate()).padStart(2, '0');
    }
  };
})()`;

let browser, page, server, origin, fixtureServer, fixtureOrigin;
const downloads = join(work, 'downloads');

/** Wait until the planner has built its cards below today's (helpers.mjs). */
const settled = () => plannerSettled(page);

async function fill(label, value) {
  await settled();
  const kind = await page.eval(`(() => { const c = ${H}.control(${JSON.stringify(label)}); return c ? c.type || c.tagName : null; })()`);
  assert.ok(kind, `no visible control labelled "${label}"`);
  const expr = `${H}.control(${JSON.stringify(label)})`;
  if (kind === 'number' || kind === 'text') {
    await page.clickAt(expr);
    await page.eval(`(() => { const c = ${expr}; c.select(); })()`);
    await page.type(String(value));
  } else {
    // Date inputs and selects: set the value as the native picker would, with the same events.
    await page.clickAt(expr);
    await page.eval(`(() => { const c = ${expr}; c.value = ${JSON.stringify(String(value))};
      if (c.value !== ${JSON.stringify(String(value))}) throw new Error('cannot set ' + ${JSON.stringify(label)} + ' to ' + ${JSON.stringify(String(value))});
      c.dispatchEvent(new Event('input', { bubbles: true })); c.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  }
}

async function choose(group, option, within) {
  await settled();
  const expr = `${H}.radio(${JSON.stringify(group)}, ${JSON.stringify(option)}, ${JSON.stringify(within || null)})`;
  assert.ok(await page.eval(`!!${expr}`), `no option "${option}" for "${group}"`);
  await page.clickAt(expr);
  assert.ok(await page.eval(`${expr}.checked`));
}

async function click(name) {
  await settled();
  const expr = `${H}.button(${JSON.stringify(name)})`;
  assert.ok(await page.eval(`!!${expr}`), `no visible button or link "${name}"`);
  await page.clickAt(expr);
}

const status = () => page.eval(`${H}.text('#pl-status')`);
const dose = () => page.eval(`${H}.text('.planner-dose-big')`);
const advice = () => page.eval(`${H}.text('#pl-advice')`);
const focused = () => page.eval('document.activeElement && document.activeElement.id');
const day = (n) => page.eval(`${H}.day(${n})`);
const stored = (id = 'hamstring') => page.eval(`JSON.parse(localStorage.getItem('sinew-planner:${id}'))`);

/** The "did your pain stay up" question, as the page words it. */
const stayedQuestion = () => page.eval(`(() => { for (const f of ${H}.app.querySelectorAll('fieldset legend')) if (/^Afterwards/.test(f.textContent)) return ${H}.norm(f.textContent); })()`);

async function logSession({ date, session, done = 'Yes', reps, rise = 0, stayed = 'No' }) {
  await fill('Date of the session', date);
  if (session) await fill('Which session', session);
  await choose('Did you do this session?', done, '#pl-log-form');
  if (done === 'Yes') {
    await fill('Reps you managed in each set', reps);
    await fill('How much did your pain go up during it?', rise);
    await choose(await stayedQuestion(), stayed, '#pl-log-form');
  }
  await page.eval(`document.getElementById('pl-status').textContent = ''`);
  await click('Save session');
  await page.waitUntil(`/^Saved session/.test(${H}.text('#pl-status'))`, [], { what: 'the saved message' });
}

/** Tick a checkbox by its label. */
async function tick(label) {
  await settled();
  const expr = `${H}.control(${JSON.stringify(label)})`;
  assert.ok(await page.eval(`!!${expr}`), `no checkbox labelled "${label}"`);
  await page.clickAt(expr);
  assert.ok(await page.eval(`${expr}.checked`));
}

/** Import a file through the visible "Import a planner file" control; returns the message. */
async function importFile(name, content) {
  await settled();
  const f = join(work, name);
  writeFileSync(f, content);
  await page.eval(`document.getElementById('pl-status').textContent = ''`);
  const input = await page.handle(`${H}.control('Import a planner file')`);
  await page.send('DOM.setFileInputFiles', { files: [f], objectId: input });
  await page.waitUntil(`/could not be imported|Imported|Check before/.test(${H}.text('#pl-status'))`, [], { what: 'the import message' });
  return status();
}

/** A fresh start: no stored plan, the start form showing. */
async function freshStart(url) {
  await page.goto(url);
  await page.eval(`localStorage.clear()`);
  await page.reload();
  await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
}

/**
 * The next day, as the page sees it: every date of the stored plan moved one day back, and
 * the page opened again.
 */
async function nextDay() {
  await page.eval(`(() => {
    const k = 'sinew-planner:hamstring', p = JSON.parse(localStorage.getItem(k));
    const back = (s) => { const d = new Date(s + 'T12:00:00'); d.setDate(d.getDate() - 1);
      return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); };
    p.start_date = back(p.start_date);
    for (const e of [...p.sessions, ...p.tests]) e.date = back(e.date);
    localStorage.setItem(k, JSON.stringify(p));
  })()`);
  await page.reload();
  await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
}

/**
 * Set the page's clock `days` days off (negative: back), as a phone whose date is wrong,
 * from the next page load on; returns a function that puts it right again.
 */
async function setClock(days) {
  const { identifier } = await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `(() => {
    const Real = Date, shift = ${days} * 86400000;
    class Shifted extends Real {
      constructor(...a) { if (a.length) super(...a); else super(Real.now() + shift); }
      static now() { return Real.now() + shift; }
    }
    globalThis.Date = Shifted;
  })()` });
  return () => page.send('Page.removeScriptToEvaluateOnNewDocument', { identifier });
}

/** Start a plan `daysAgo` days ago with usual pain `usual` (below the ladder's baseline_max). */
async function startPlan(daysAgo, usual = 2) {
  await fill('Start date', await day(-daysAgo));
  await fill('Your usual pain, on average', usual);
  await click('Start my plan');
  await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });
}

async function checkA11y() {
  // Every interactive element of the planner has an accessible name (from the browser's own accessibility tree).
  const { nodes } = await page.send('Accessibility.getFullAXTree', {});
  const roles = new Set(['button', 'textbox', 'combobox', 'spinbutton', 'radio', 'checkbox', 'link', 'DisclosureTriangle', 'slider']);
  let checked = 0;
  for (const n of nodes) {
    if (n.ignored || !roles.has(n.role && n.role.value) || !n.backendDOMNodeId) continue;
    const { object } = await page.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId });
    const r = await page.send('Runtime.callFunctionOn', {
      objectId: object.objectId, returnByValue: true,
      functionDeclaration: 'function () { const a = document.getElementById("planner-app"); return a.contains(this) ? (this.id || this.outerHTML.slice(0, 80)) : null; }'
    });
    if (r.result.value === null) continue;
    checked++;
    const name = n.name && n.name.value ? String(n.name.value).trim() : '';
    assert.ok(name, `${n.role.value} ${r.result.value} has no accessible name`);
  }
  assert.ok(checked > 0, 'found planner controls in the accessibility tree');
  // Targets at least 24 x 24 CSS px.
  const small = await page.eval(`(() => {
    const out = [];
    for (const el of ${H}.app.querySelectorAll('a, button, input, select, summary')) {
      if (!${H}.visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 24 || r.height < 24) out.push((el.id || el.textContent.trim() || el.outerHTML.slice(0, 60)) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
    return out;
  })()`);
  assert.deepEqual(small, [], 'targets smaller than 24x24');
}

async function checkNarrow() {
  await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
  await new Promise((r) => setTimeout(r, 100));
  const over = await page.eval(`(() => {
    const out = [];
    for (const el of ${H}.app.querySelectorAll('*')) {
      if (!${H}.visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 0.5) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
    return out;
  })()`).finally(() => page.send('Emulation.clearDeviceMetricsOverride', {}));
  assert.deepEqual(over, [], 'planner elements wider than a 320 px screen');
}

/**
 * How many pages `p` prints on (Chromium's PDF states it in the page tree's /Count): A4,
 * the page's own size, by default; `letter: true` prints on US Letter (8.5 x 11 in) as a
 * printer loaded with it does, the page's A4 size set aside.
 */
async function printedPages(p, { letter = false } = {}) {
  const paper = letter
    ? { paperWidth: 8.5, paperHeight: 11, preferCSSPageSize: false }
    : { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true };
  const pdf = await p.send('Page.printToPDF', paper);
  const counts = [...Buffer.from(pdf.data, 'base64').toString('latin1').matchAll(/\/Type \/Pages[^>]*?\/Count (\d+)|\/Count (\d+)[^>]*?\/Type \/Pages/g)];
  assert.ok(counts.length > 0, 'no page tree found in the PDF');
  return Number(counts[0][1] ?? counts[0][2]);
}

before(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HELP);
  build(repo, join(work, 'site'));
  build(writeFixtureSite(join(work, 'fixture')), join(work, 'fixture-site'));
  server = await serve(join(work, 'site'));
  origin = `http://127.0.0.1:${server.address().port}`;
  fixtureServer = await serve(join(work, 'fixture-site'));
  fixtureOrigin = `http://127.0.0.1:${fixtureServer.address().port}`;
  browser = await Browser.launch();
  mkdirSync(downloads, { recursive: true });
  await browser.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  page = await browser.newPage();
  await page.send('DOM.enable');
  await page.send('Accessibility.enable');
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (fixtureServer) fixtureServer.close();
  rmSync(work, { recursive: true, force: true });
});

describe('planner page, sample hamstring ladder', () => {
  it('replaces the no-JavaScript note with the start form', async () => {
    await page.goto(`${origin}/planner/hamstring/`);
    await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
    assert.equal(await page.eval(`!!document.querySelector('#planner-app .noscript-note')`), false);
    assert.match(await page.eval(`${H}.text()`), /Start your plan/);
    assert.equal(await stored(), null);
  });

  it('agrees with the build on the ideal schedule', async () => {
    const r = await page.eval(`(() => {
      const ladder = JSON.parse(document.getElementById('sinew-ladder').textContent);
      return { page: ladder.schedule, js: SinewPlanner.idealSchedule(ladder),
        rows: [...document.querySelectorAll('#schedule tbody tr')].map((tr) => tr.lastElementChild.textContent.trim()) };
    })()`);
    assert.deepEqual(r.page, r.js);
    assert.equal(r.js.length, 18);
    const schema = JSON.parse(readFileSync(join(repo, 'tests', 'fixtures', 'planner', 'ladder.schema.json'), 'utf8'));
    const embedded = JSON.parse(await page.eval(`document.getElementById('sinew-ladder').textContent`));
    assert.deepEqual(validate(schema, embedded), [], 'the embedded ladder matches its schema');
    if (r.rows.length) assert.deepEqual(r.rows, r.js.map((d) => `${d.sets} x ${d.reps}`));
    assert.deepEqual(page.console.filter((m) => /schedule differs/.test(m)), []);
  });

  it('with usual pain at or above baseline_max, recommends a consultation and starts only by an explicit choice', async () => {
    await fill('Your usual pain, on average', 5);
    assert.equal(await page.eval(`${H}.isVisible('#pl-baseline-warning')`), true);
    assert.match(await page.eval(`${H}.text('#pl-baseline-warning')`),
      /The clinic recommends a consultation before you start this plan\. Your usual pain is 5 out of 10\. This plan is for usual pain below 4 out of 10\./);
    assert.equal(await page.eval(`${H}.button('Book a consultation').getAttribute('href')`), 'https://example.org/book');
    assert.match(await page.eval(`${H}.text('#pl-baseline-warning')`), /Call Riverside Physiotherapy on 01632 960 123/);
    await click('Start my plan');
    assert.match(await status(), /^Book a consultation first, or tick the box to start the plan anyway\.$/);
    assert.equal(await focused(), 'pl-gate');
    assert.equal(await stored(), null, 'no plan without the explicit choice');
    await fill('Your usual pain, on average', 2);
    assert.equal(await page.eval(`${H}.isVisible('#pl-baseline-warning')`), false);
  });

  it('starts a plan three days ago and moves focus to today', async () => {
    await fill('Start date', await day(-3));
    await page.eval(`document.getElementById('pl-status').textContent = ''`);
    await click('Start my plan');
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });
    assert.equal(await focused(), 'pl-today-h');
    assert.match(await status(), /^Your plan has started\./);
    assert.equal(await dose(), '2 x 5');
    assert.match(await advice(), /^Same dose today: 2 x 5\. Nothing was logged for/);
    assert.match(await page.eval(`${H}.text('.planner-exercise')`), /Exercise 1 of 6, day 4 on this exercise.*Double leg bridge/);
    assert.equal(await page.eval(`${H}.button('Watch the video of Double leg bridge').getAttribute('href')`),
      '/videos/double-leg-bridge-placeholder.mp4');
    assert.equal(await page.eval(`${H}.button('How to do Double leg bridge').getAttribute('href')`), '/exercises/double-leg-bridge/');
    const plan = await stored();
    assert.equal(plan.start_date, await day(-3));
    assert.equal(plan.usual_pain, 2);
    assert.equal(plan.version, 2);
  });

  it('logs tolerated days and the dose rises', async () => {
    const d3 = await day(-3);
    await logSession({ date: d3, session: 1, reps: 5, rise: 1 });
    assert.equal(await focused(), 'pl-status');
    await logSession({ date: d3, session: 2, reps: 5, rise: 2 });
    assert.equal(await dose(), '2 x 9');
    assert.match(await status(), /Same dose today: 2 x 9/);
    const d2 = await day(-2);
    await logSession({ date: d2, session: 1, reps: 9, rise: 0 });
    await logSession({ date: d2, session: 2, reps: 9, rise: 1 });
    assert.equal(await dose(), '2 x 12');
  });

  it('a pain-rule break yesterday means a step back today, named as such', async () => {
    await logSession({ date: await day(-1), session: 1, reps: 12, rise: 4 });
    assert.match(await status(), /^Saved session 1 for .*\. Step back: today is 2 x 9\.$/);
    assert.equal(await page.eval(`document.getElementById('pl-status').className`), 'planner-status planner-status-warn',
      'bad news is not styled as a success');
    assert.equal(await dose(), '2 x 9');
    assert.match(await advice(), /^Step back: today is 2 x 9\. Your pain went over the pain rules on .*, so today you go back to the last dose that stayed within them\.$/);
  });

  it('shows which of today\'s sessions are done, and tomorrow\'s dose', async () => {
    const today = await day(0);
    await logSession({ date: today, session: 1, reps: 9, rise: 1 });
    assert.match(await page.eval(`${H}.text('#pl-sessions')`), /Session 1 of 2: done \(9 reps, pain up 1\) \W Session 2 of 2: not logged yet/);
    assert.equal(await page.eval(`document.getElementById('pl-log-session').value`), '2', 'the next session is preselected');
    await logSession({ date: today, session: 2, reps: 9, rise: 0, stayed: 'No' });
    assert.match(await status(), /All done for today\. Tomorrow: move up to 2 x 12\./);
  });

  it('keeps everything after a reload', async () => {
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view after reload' });
    await settled();
    assert.equal(await dose(), '2 x 9');
    assert.match(await advice(), /^Step back/);
    const rows = await page.eval(`[...document.querySelectorAll('#pl-history .planner-day-result')].map((r) => ${H}.norm(r.textContent))`);
    // The pain day carries a "!" mark before its result, besides the words.
    assert.deepEqual(rows, ['Result: Today', '!Result: Over the pain rules', 'Result: Within the pain rules', 'Result: Within the pain rules']);
    assert.equal(await page.eval(`document.querySelectorAll('#pl-history .planner-day-pain').length`), 1, 'the pain day is marked');
    assert.equal(await page.eval(`!!document.querySelector('.planner-chart')`), true);
    assert.equal((await stored()).sessions.length, 7);
  });

  it('shows the dose of the day being logged when backfilling', async () => {
    assert.equal(await page.eval(`document.getElementById('pl-log-reps').value`), '', 'reps start empty');
    await fill('Date of the session', await day(-1));
    assert.match(await page.eval(`${H}.text('#pl-log-reps-hint')`), /The dose on .* was 2 sets of 12 reps\./);
    assert.equal(await page.eval(`document.getElementById('pl-log-session').value`), '2');
    await fill('Date of the session', await day(0));
    assert.match(await page.eval(`${H}.text('#pl-log-reps-hint')`), /Today's dose is 2 sets of 9 reps\./);
  });

  it('offers no milestone test for an exercise the patient has not reached', async () => {
    const ms = await page.eval(`${H}.text('#pl-milestones')`);
    assert.match(ms, /Not yet: 15 Single leg bridge, bent knee .* You can try this once your plan reaches Single leg bridge, bent knee\./);
    assert.equal(await page.eval(`${H}.button('Log a test set')`), null);
    assert.match(await page.eval(`${H}.text('.planner-milestones-card')`), /You can log a test set once your plan reaches a milestone.s exercise\./);
  });

  it('labels every control, keeps targets at least 24x24 px, fits a 320 px screen, and passes axe', async () => {
    await checkA11y();
    await checkNarrow();
    assert.deepEqual(await axeAudit(page), [], 'axe-core: serious or critical violations');
  });

  it('hides the controls when printed', async () => {
    await page.send('Emulation.setEmulatedMedia', { media: 'print' });
    const shown = await page.eval(`({
      log: ${H}.isVisible('#pl-log-form'), data: ${H}.isVisible('.planner-data'), history: ${H}.isVisible('.planner-history'),
      status: ${H}.isVisible('#pl-status'), dose: ${H}.isVisible('.planner-dose-big'), advice: ${H}.isVisible('#pl-advice')
    })`);
    await page.send('Emulation.setEmulatedMedia', { media: '' });
    assert.deepEqual(shown, { log: false, data: false, history: false, status: false, dose: true, advice: true });
    assert.equal(await printedPages(page), 1, 'the plan prints on one A4 page');
    const text = (await printedText(page)).replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');
    assert.match(text, /Step back: today is 2 x 9\./);
    assert.match(text, /If a session goes over the pain rules, stop the exercises for the rest of that day\./);
    assert.match(text, /A rise of 5 or more during a session, or pain that stays up after exercise two days running, is a bad flare-up: stop the exercises and contact the clinic before you do them again\./);
    assert.doesNotMatch(text, /Save session|Download my data/);
    assert.match(text, /When you can do 15 of Lunge within the pain rules: Start to build up running/, 'milestones print on a day without a flare-up');
  });

  it('prints the log sheet on at most two pages', async () => {
    const sheet = await browser.newPage();
    try {
      await sheet.goto(`${origin}/planner/hamstring/log-sheet/`);
      // A row per session, written with a pen: two A4 pages are fine (issue 15).
      assert.ok(await printedPages(sheet) <= 2);
      const text = (await printedText(sheet)).replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');
      assert.match(text, /If a session goes over the pain rules, stop the exercises for the rest of that day\./);
      assert.match(text, /The next day, go back to the last dose that stayed within the pain rules\./);
      assert.match(text, /When the clinic is closed: Call NHS 111 for urgent advice, or 999 in an emergency\./);
      // On paper too, the patient learns what "a lot" is and what a high usual pain means.
      assert.match(text, /A rise of 5 or more during a session, or pain that stays up after exercise two days running, is a bad flare-up: stop the exercises and contact the clinic before you do them again\./);
      assert.match(text, /If your usual pain is 4 out of 10 or more, this plan is not the right start for you: please book a consultation\./);
      // A date can be written in the Date column.
      await sheet.send('Emulation.setEmulatedMedia', { media: 'print' });
      const date = await sheet.eval(`(() => {
        const head = [...document.querySelectorAll('table.log thead th')].map((th) => th.textContent.trim());
        return document.querySelectorAll('table.log thead th')[head.indexOf('Date')].getBoundingClientRect().width;
      })()`);
      await sheet.send('Emulation.setEmulatedMedia', { media: '' });
      assert.ok(date >= 64, `the Date column is ${Math.round(date)} px wide on paper: too narrow to write a date`);
    } finally {
      // A second tab left open puts the main page in the background, where Chromium
      // slows its timers and loads.
      await browser.send('Target.closeTarget', { targetId: sheet.targetId });
      await browser.send('Target.activateTarget', { targetId: page.targetId });
    }
  });

  let exported;
  it('exports the data as a JSON file', async () => {
    const done = browser.waitFor('Browser.downloadProgress', { filter: (p) => p.state === 'completed', timeout: 10000 });
    await click('Download my data');
    await done;
    const files = readdirSync(downloads).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1);
    assert.match(files[0], /^sinew-planner-hamstring-\d{4}-\d{2}-\d{2}\.json$/);
    exported = join(downloads, files[0]);
    assert.deepEqual(JSON.parse(readFileSync(exported, 'utf8')), await stored());
    assert.match(await status(), /saved as a file called sinew-planner-hamstring-/);
  });

  it('deletes the data only after confirmation', async () => {
    await click('Delete my data');
    assert.equal(await focused(), 'pl-confirm-text');
    assert.match(await page.eval(`${H}.text('.planner-confirm')`), /Delete your plan and 7 logged sessions from this browser\?/);
    await click('Cancel');
    assert.equal(await focused(), 'pl-delete');
    assert.match(await status(), /Nothing was deleted/);
    assert.notEqual(await stored(), null);
    await click('Delete my data');
    await click('Yes, delete my data');
    assert.match(await status(), /Your data was deleted from this browser\./);
    assert.equal(await focused(), 'pl-status');
    assert.equal(await stored(), null);
    assert.match(await page.eval(`${H}.text()`), /Start your plan/);
  });

  it('starts a plan with the keyboard only', async () => {
    await page.eval(`document.getElementById('pl-start-date').focus()`);
    // Tab through the date field's day, month and year parts to the next control.
    for (let i = 0; i < 4 && (await focused()) === 'pl-start-date'; i++) await page.press('Tab');
    assert.equal(await focused(), 'pl-usual');
    await page.press('ArrowDown');
    await page.press('ArrowDown');
    assert.equal(await page.eval(`document.getElementById('pl-usual').value`), '1');
    await page.press('Tab');
    assert.equal(await page.eval(`document.activeElement.textContent`), 'Start my plan');
    await page.eval(`document.getElementById('pl-status').textContent = ''`);
    await page.press('Enter');
    await page.waitUntil(`document.activeElement && document.activeElement.id === 'pl-today-h'`, [], { what: 'focus on today' });
    assert.equal(await dose(), '2 x 5');
  });

  it('refuses bad files with a clear message and leaves the plan alone', async () => {
    const before = await stored();
    const tryImport = async (name, content) => {
      const f = join(work, name);
      writeFileSync(f, content);
      const input = await page.handle(`document.getElementById('pl-import')`);
      await page.send('DOM.setFileInputFiles', { files: [f], objectId: input });
      await page.waitUntil(`/could not be imported|Imported|Check before/.test(${H}.text('#pl-status'))`, [], { what: 'the import message' });
      const msg = await status();
      await page.eval(`document.getElementById('pl-status').textContent = ''`);
      return msg;
    };
    assert.match(await tryImport('bad.json', 'this is not json'),
      /^That file could not be imported\. It is not a planner file \(it is not JSON\)\. Your plan has not changed\.$/);
    assert.match(await tryImport('other.json', JSON.stringify({ ...before, ladder: 'patellar' })),
      /This file is for the plan "patellar", not for this plan \("hamstring"\)/);
    assert.match(await tryImport('pain.json', JSON.stringify({ ...before, usual_pain: 12 })), /usual pain must be a whole number from 0 to 10/);
    assert.deepEqual(await stored(), before);
    assert.equal(await focused(), 'pl-status');
    // The exported file comes back; the fresh plan has no sessions, so no confirmation is needed.
    assert.match(await tryImport('good.json', readFileSync(exported, 'utf8')), /^Imported your plan: started .*, 7 logged sessions\.$/);
    assert.equal(await dose(), '2 x 9');
    assert.equal((await stored()).sessions.length, 7);
    // Importing over a plan with sessions asks first.
    assert.match(await tryImport('again.json', readFileSync(exported, 'utf8')), /Check before you replace your plan/);
    assert.match(await page.eval(`${H}.text('.planner-confirm')`), /Replace your current plan \(7 logged sessions\) with the one in the file/);
    await click('Yes, replace my plan');
    assert.match(await status(), /^Imported your plan/);
  });

  it('made no network request beyond its own files, with no CSP violation or script error', async () => {
    const foreign = page.requests.filter((r) => !r.url.startsWith(origin + '/') && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    assert.deepEqual(foreign, []);
    const xhr = page.requests.filter((r) => r.type === 'XHR' || r.type === 'Fetch' || r.type === 'EventSource' || r.type === 'WebSocket');
    assert.deepEqual(xhr, []);
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(page.console.filter((m) => /Content Security Policy|Refused to/i.test(m)), []);
    assert.deepEqual(page.console.filter((m) => /^error/.test(m) && !/favicon/.test(m)), []);
  });
});

describe('planner page, second ladder (once a day, holds in seconds, sets change)', () => {
  it('shows the dose with sets, reps and hold time, and one session a day', async () => {
    page.requests.length = 0;
    await page.goto(`${fixtureOrigin}/planner/patellar/`);
    await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
    assert.deepEqual(await page.eval(`(() => {
      const ladder = JSON.parse(document.getElementById('sinew-ladder').textContent);
      return SinewPlanner.idealSchedule(ladder).slice(0, 5).map((d) => d.sets + 'x' + d.reps).concat(
        [JSON.stringify(ladder.schedule) === JSON.stringify(SinewPlanner.idealSchedule(ladder))]);
    })()`), ['1x3', '2x5', '2x8', '3x10', '1x3', true]);
    await fill('Start date', await day(-1));
    await fill('Your usual pain, on average', 5);
    assert.match(await page.eval(`${H}.text('#pl-baseline-warning')`), /usual pain below 5 out of 10/);
    // No booking link on this fixture: the phone number is offered.
    assert.match(await page.eval(`${H}.text('#pl-baseline-warning')`), /Call Hillside Physio on 01632 960 999/);
    await tick('I understand the clinic recommends a consultation first. I want to start the plan anyway.');
    await click('Start my plan');
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });
    assert.equal(await dose(), '1 x 3');
    assert.match(await page.eval(`${H}.text('.planner-dose')`), /1 set of 3 reps, holding each rep for 30 seconds\), once a day/);
    assert.equal(await page.eval(`${H}.control('Which session')`), null);
    assert.match(await page.eval(`${H}.text('#pl-alerts')`), /The clinic recommends a consultation\. Your usual pain is 5 out of 10\./);
  });

  it('moves up sets and reps after a tolerated day, once usual pain is below baseline_max', async () => {
    await logSession({ date: await day(-1), reps: 3, rise: 3 });
    // Started at usual pain 5 (this ladder's baseline_max): the dose does not go up.
    assert.equal(await dose(), '1 x 3');
    assert.match(await advice(), /^Same dose today: 1 x 3\. Your usual pain is 5 out of 10, which is 5 or more: while it is, the dose does not go up\./);
    // Had the patient's usual pain been 4 that day, it would have.
    const p = await stored('patellar');
    p.usual_pain_log = [{ date: await day(-1), usual_pain: 4 }];
    await page.eval(`localStorage.setItem('sinew-planner:patellar', ${JSON.stringify(JSON.stringify(p))})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
    assert.equal(await dose(), '2 x 5');
    assert.match(await advice(), /^Move up: today is 2 x 5\./);
    await logSession({ date: await day(0), reps: 5, rise: 0 });
    assert.match(await page.eval(`${H}.text('#pl-sessions')`), /Session 1 of 1: done/);
    assert.match(await status(), /All done for today\. Tomorrow: move up to 2 x 8\./);
    assert.equal((await stored('patellar')).sessions.length, 2);
    // Correcting today's session (pain stayed up after all) replaces it: stop for today.
    await logSession({ date: await day(0), reps: 5, rise: 1, stayed: 'Yes' });
    assert.match(await status(), /^Saved session 1 for today\. Stop your exercises for today\.$/);
    assert.match(await advice(), /Tomorrow: step back to 1 x 3\./);
    assert.match(await page.eval(`${H}.text('#pl-sessions')`), /Session 1 of 1: done \(5 reps, pain up 1, pain stayed up\): over the pain rules/);
    assert.equal((await stored('patellar')).sessions.length, 2);
    await checkA11y();
    await checkNarrow();
    assert.deepEqual(page.exceptions, []);
    // (data: URLs are the browser's own date-picker icon.)
    assert.deepEqual(page.requests.filter((r) => !r.url.startsWith(fixtureOrigin + '/') && !r.url.startsWith('data:')), []);
  });

  it('a session over the pain rules is not replaced by one within them without asking (a second log of the day)', async () => {
    // Once a day, so the form has no session to choose: a patient who did the exercise
    // again and logs it, fine this time, would save over the flare-up, and tomorrow the
    // planner would move up. The page asks first, and keeps the flare unless it was a mistake.
    const saveAgain = async () => {
      await fill('Date of the session', await day(0));
      await choose('Did you do this session?', 'Yes', '#pl-log-form');
      await fill('Reps you managed in each set', 5);
      await fill('How much did your pain go up during it?', 0);
      await choose(await stayedQuestion(), 'No', '#pl-log-form');
      await page.eval(`document.getElementById('pl-status').textContent = ''`);
      await click('Save session');
      await page.waitUntil(`/already saved session 1 for today/.test(${H}.text('#pl-status'))`, [], { what: 'the question before replacing' });
    };
    const before = await stored('patellar');
    await saveAgain();
    assert.match(await status(), /your pain went over the pain rules in it\. Saving this instead would tell the planner your pain did not flare up\. Only replace it if what you saved before was a mistake\./);
    assert.equal(await focused(), 'pl-replace-text');
    assert.deepEqual(await stored('patellar'), before, 'nothing is saved before the answer');
    await click('Keep what I saved before');
    assert.match(await status(), /^Nothing was changed/);
    assert.deepEqual(await stored('patellar'), before);
    assert.match(await advice(), /Tomorrow: step back to 1 x 3\./);
    // A real mistake can still be corrected.
    await saveAgain();
    await checkA11y();
    await click('Yes, it was a mistake: replace it');
    await page.waitUntil(`/^Saved session 1 for today/.test(${H}.text('#pl-status'))`, [], { what: 'the saved message' });
    const after = (await stored('patellar')).sessions.find((e) => e.date === before.sessions[1].date);
    assert.equal(after.pain_stayed_up, false);
    assert.doesNotMatch(await advice(), /Stop your exercises for today/);
    assert.deepEqual(page.exceptions, []);
  });
});

/** A small site with a different ladder shape: four steps, once a day, holds, sets change. */
function writeFixtureSite(dir) {
  const w = (p, text) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  w('site.yaml', [
    'title: Hillside Physio', 'base_url: /', 'language: en-GB',
    'clinic:', '  name: Hillside Physio', '  phone: "01632 960 999"', ''
  ].join('\n'));
  w('content/index.md', '---\ntitle: Home\n---\nWelcome.\n');
  const ex = [
    ['spanish-squat-hold', 'Spanish squat hold', 30],
    ['wall-sit', 'Wall sit', 30],
    ['split-squat-hold', 'Split squat hold', 20],
    ['decline-squat', 'Slow decline squat', 3]
  ];
  for (const [id, name] of ex) {
    w(`content/exercises/${id}.yaml`, `name: ${name}\nsteps:\n  - Do it slowly.\n`);
  }
  w('content/programs/patellar.yaml', [
    'title: Patellar tendon holds ladder',
    'times_per_day: 1',
    'pain:', '  max_rise_during: 3', '  max_rise_after: 2', '  settle_minutes: 60', '  baseline_max: 5',
    'stages:',
    ...ex.flatMap(([id, , hold]) => [
      `  - exercise: ${id}`, '    start: { sets: 1, reps: 3 }', '    target: { sets: 3, reps: 10 }',
      '    days: { min: 4, max: 8 }', `    hold_seconds: ${hold}`
    ]),
    'milestones:',
    '  - exercise: decline-squat', '    reps: 10', '    unlocks: Start jogging on flat ground, every other day.',
    ''
  ].join('\n'));
  return dir;
}

// Issue 11: the days that matter most, as a patient sees them on the same day, the next
// day, and when the page is opened again.
describe('planner page, bad days (issue 11)', () => {
  const url = () => `${origin}/planner/hamstring/`;
  const appText = () => page.eval(`${H}.text()`);
  /** The words of today's card (the one the heading "Today, ..." or "Advice for ..." names). */
  const todayCard = () => page.eval(`${H}.text('.planner-today')`);

  it('a flare-up: stop for today, the other session is not to be done, and it stays so on reopening', async () => {
    await freshStart(url());
    await startPlan(2);
    await logSession({ date: await day(-2), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(-2), session: 2, reps: 5, rise: 0 });
    await logSession({ date: await day(-1), session: 1, reps: 9, rise: 0 });
    await logSession({ date: await day(-1), session: 2, reps: 9, rise: 0 });
    assert.match(await advice(), /^Move up: today is 2 x 12\./);
    assert.equal(await page.eval(`!!document.getElementById('pl-dose-hold')`), false, 'a day to exercise has no hold words');
    await logSession({ date: await day(0), session: 1, reps: 12, rise: 4 });
    assert.match(await status(), /^Saved session 1 for today\. Stop your exercises for today\.$/);
    assert.equal(await page.eval(`document.getElementById('pl-status').className`), 'planner-status planner-status-warn',
      'the message is a warning, not a success');
    for (const check of ['now', 'after reopening']) {
      if (check === 'after reopening') {
        await page.reload();
        await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
        await settled();
      }
      const a = await advice();
      assert.match(a, /^!Stop your exercises for today\. A session today went over the pain rules\. Do not do the rest of today.s sessions\./, check);
      assert.match(a, /Tomorrow: step back to 2 x 9\.$/, check);
      // Today's dose stays on the card, but never without the words saying not to do it,
      // and they come first (read first by a screen reader, printed above it).
      assert.match(await page.eval(`${H}.text('.planner-exercise')`),
        /^Exercise \d of \d.*Not today: do not do this exercise again today\..*2 x 12/, check);
      assert.equal(await page.eval(`${H}.button('Read about pacing: balancing activity and rest').getAttribute('href')`), '/pacing/');
      assert.equal(await page.eval(`document.getElementById('pl-advice').classList.contains('planner-advice-stop_today')`), true);
      assert.match(await page.eval(`${H}.text('#pl-sessions')`),
        /Session 1 of 2: done \(12 reps, pain up 4\): over the pain rules .* Session 2 of 2: not to be done today \(your pain went over the pain rules\)/, check);
      assert.doesNotMatch(await appText(), /Move up|not logged yet/, check);
      // Nothing invites more exercise today: not even a milestone test set.
      assert.doesNotMatch(await appText(), /When you feel ready, try one set/, check);
      assert.match(await page.eval(`${H}.text('.planner-milestones-card')`),
        /Do not try a milestone test set today: your pain went over the pain rules\./, check);
      assert.equal(await page.eval(`!!document.getElementById('pl-alerts')`), false, 'a rise of 4 is not severe');
    }
  });

  it('the next day: a step back, named so, with the reason once', async () => {
    await freshStart(url());
    await startPlan(3);
    for (const [n, reps] of [[3, 5], [2, 9]]) {
      await logSession({ date: await day(-n), session: 1, reps, rise: 1 });
      await logSession({ date: await day(-n), session: 2, reps, rise: 1 });
    }
    await logSession({ date: await day(-1), session: 1, reps: 12, rise: 4 });
    assert.equal(await dose(), '2 x 9');
    const a = await advice();
    assert.match(a, /^Step back: today is 2 x 9\. Your pain went over the pain rules on .*, so today you go back to the last dose that stayed within them\.$/);
    assert.equal(a.split('over the pain rules').length, 2, 'said once');
  });

  it('a severe flare shows the clinic\'s contact and out-of-hours advice the same day', async () => {
    await logSession({ date: await day(0), session: 1, reps: 9, rise: 6 });
    const box = await page.eval(`${H}.text('#pl-alerts')`);
    assert.match(box, /^Your pain flared up badly\. Please contact the clinic today\. This is because your pain went up by 5 or more/);
    assert.match(box, /Call Riverside Physiotherapy on 01632 960 123/);
    assert.match(box, /When the clinic is closed: Call NHS 111 for urgent advice, or 999 in an emergency\./);
    assert.equal(await page.eval(`${H}.button('Book a consultation').getAttribute('href')`), 'https://example.org/book');
    assert.equal(await page.eval(`document.getElementById('pl-alerts').getAttribute('role')`), 'alert');
  });

  it('a severe flare: nothing says to exercise again before the patient has spoken to the clinic', async () => {
    // The same day: the line about tomorrow says to speak to the clinic first.
    await freshStart(url());
    await startPlan(1);
    await logSession({ date: await day(-1), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(-1), session: 2, reps: 5, rise: 0 });
    await logSession({ date: await day(0), session: 1, reps: 9, rise: 8 });
    let a = await advice();
    assert.match(a, /^!Stop your exercises for today\./);
    assert.match(a, /Tomorrow: speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose is 2 x 5\.$/);
    assert.doesNotMatch(a, /Tomorrow: step back/);
    assert.match(await page.eval(`${H}.text('#pl-alerts')`), /Do not do any more exercises from this plan until you have spoken to the clinic\./);
    // The next day (the flare was yesterday): the headline says the same as the contact box.
    await freshStart(url());
    await startPlan(2);
    await logSession({ date: await day(-2), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(-2), session: 2, reps: 5, rise: 0 });
    await logSession({ date: await day(-1), session: 1, reps: 9, rise: 8 });
    a = await advice();
    assert.match(a, /^!Speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose today is 2 x 5\.$/);
    assert.match(await page.eval(`${H}.text('.planner-exercise')`),
      /Paused: do not do this exercise until the clinic says you can carry on\..*2 x 5/);
    assert.equal((await appText()).split('flared up badly').length, 2, 'the reason is said once');
    assert.doesNotMatch(await appText(), /Step back: today|Move up|Same dose today|When you feel ready, try one set/);
    assert.match(await page.eval(`${H}.text('.planner-milestones-card')`),
      /Do not try a milestone test set before you have spoken to the clinic\./);
    assert.match(await status(), /Speak to the clinic before you exercise again\./);
    assert.equal(await page.eval(`document.getElementById('pl-advice').classList.contains('planner-advice-contact_clinic')`), true);
    assert.equal(await page.eval(`document.getElementById('pl-status').className`), 'planner-status planner-status-warn');
    assert.match(await page.eval(`${H}.text('#pl-alerts')`), /^Your pain flared up badly\. Please contact the clinic today\./);
  });

  it('a flare on the first day of a new exercise goes back to the exercise before, at its target, moderate or severe', async () => {
    // Three tolerated days master the double leg bridge; yesterday, the first day of the
    // single leg bridge, went over the pain rules.
    const plan = async (rise) => {
      const ds = [await day(-4), await day(-3), await day(-2), await day(-1)];
      const reps = [5, 9, 12, 5];
      const sessions = ds.flatMap((date, k) => [1, 2].map((session) => ({
        date, session, done: true, reps: reps[k], pain_rise: k === 3 && session === 1 ? rise : 0, pain_stayed_up: false
      })));
      return JSON.stringify({ format: 'sinew-planner', version: 2, ladder: 'hamstring', start_date: ds[0], usual_pain: 2,
        usual_pain_log: [], sessions, tests: [] });
    };
    await freshStart(url());
    await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(await plan(3))})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });
    assert.match(await advice(), /^Step back: back to Double leg bridge, at 2 x 12\. Your pain went over the pain rules on .*, before any dose of Single leg bridge, bent knee stayed within them, so today you go back to the last dose that did\.$/);
    assert.equal(await dose(), '2 x 12');
    assert.match(await page.eval(`${H}.text('.planner-exercise')`), /Exercise 1 of 6.*Double leg bridge/);
    // Severe: speak to the clinic first; the dose if the clinic says carry on is the same.
    await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(await plan(8))})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });
    assert.match(await advice(), /^!Speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose today is 2 x 12\.$/);
    assert.match(await page.eval(`${H}.text('.planner-exercise')`), /Double leg bridge/);
    assert.doesNotMatch(await appText(), /Single leg bridge, bent knee, at 2 x 5/);
  });

  it('a severe flare logged late stays until the patient says they have spoken to the clinic, and the answer is kept', async () => {
    await freshStart(url());
    await startPlan(5);
    await logSession({ date: await day(-5), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(-5), session: 2, reps: 5, rise: 0 });
    // Logged today, for four days back: a rise of 7.
    await logSession({ date: await day(-4), session: 1, reps: 9, rise: 7 });
    for (const check of ['now', 'after reopening']) {
      if (check === 'after reopening') {
        await page.reload();
        await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
      }
      assert.match(await advice(), /^!Speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose today is 2 x 5\.$/, check);
      assert.match(await page.eval(`${H}.text('#pl-alerts')`), /^Your pain flared up badly\. Please contact the clinic today\./, check);
    }
    await click('I have spoken to the clinic');
    await page.waitUntil(`/^Saved: you spoke to the clinic/.test(${H}.text('#pl-status'))`, [], { what: 'the answer saved' });
    assert.match(await status(), /^Saved: you spoke to the clinic on .*\. Same dose today: 2 x 5\.$/);
    assert.equal(await page.eval(`!!document.getElementById('pl-alerts')`), false, 'no severe note once answered');
    assert.equal(await dose(), '2 x 5', 'no higher than before the flare-up');
    assert.deepEqual((await stored()).spoken_to_clinic, [{ date: await day(0), flares: 1, signs: [await day(-4)] }]);
    assert.match(await page.eval(`${H}.text('#pl-history li')`), /You said you had spoken to the clinic\./);
    // A second severe rise, logged later for a day before the answer: the page asks again.
    await logSession({ date: await day(-3), session: 1, reps: 5, rise: 9 });
    assert.match(await advice(), /^!Speak to the clinic before you exercise again\./);
    assert.ok(await page.eval(`!!${H}.button('I have spoken to the clinic')`));
    // The answer travels with the file ("Download my data" saves the stored plan), and
    // an import checks it.
    const file = await stored();
    assert.deepEqual(file.spoken_to_clinic, [{ date: await day(0), flares: 1, signs: [await day(-4)] }]);
    const bad = { ...file, spoken_to_clinic: [{ date: await day(0), flares: 'all' }] };
    assert.match(await importFile('spoken.json', JSON.stringify(bad)),
      /"Spoken to the clinic" answer 1: "flares" must be a whole number, 0 or more\. Your plan has not changed\./);
  });

  it('while usual pain is at or above baseline_max the dose does not go up, and the page says why', async () => {
    await freshStart(url());
    await startPlan(1);
    const p = await stored();
    const y = await day(-1);
    p.usual_pain = 4;
    p.sessions = [1, 2].map((session) => ({ date: y, session, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false }));
    await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(JSON.stringify(p))})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
    assert.match(await advice(), /^Same dose today: 2 x 5\. Your usual pain is 4 out of 10, which is 4 or more: while it is, the dose does not go up\. Please book a consultation\.$/);
    assert.match(await page.eval(`${H}.text('#pl-alerts')`), /Please book a consultation\. While it is, the planner does not move your dose up\./);
    await logSession({ date: await day(0), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(0), session: 2, reps: 5, rise: 0 });
    assert.match(await page.eval(`${H}.text('#pl-tomorrow')`), /Tomorrow: the same dose, 2 x 5\./);
  });

  it('a test set whose "pain stayed up" is still open: the next day is the same dose, not a move up', async () => {
    await freshStart(url());
    await startPlan(1);
    const p = await stored();
    const y = await day(-1);
    p.sessions = [1, 2].map((session) => ({ date: y, session, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false }));
    p.tests = [{ date: y, exercise: 'double-leg-bridge', reps: 10, pain_rise: 0, pain_stayed_up: null }];
    await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(JSON.stringify(p))})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-pending-form')`, [], { what: 'the open question' });
    assert.match(await page.eval(`${H}.text('.planner-pending')`), /^A question about your pain Your test set \(Double leg bridge\) on /);
    assert.equal(await dose(), '2 x 5');
    assert.match(await advice(), /^Same dose today: 2 x 5\. You have not said yet whether your pain settled after your test set on .*, so the dose stays the same\./);
    await choose(await stayedQuestion(), 'No', '#pl-pending-form');
    await click('Save answer');
    await page.waitUntil(`/^Saved your answer/.test(${H}.text('#pl-status'))`, [], { what: 'the answer saved' });
    assert.match(await status(), /^Saved your answer\. Move up: today is 2 x 9\.$/);
  });

  it('logging starts empty: nothing is recorded until the patient answers', async () => {
    await freshStart(url());
    await startPlan(1);
    const blank = await page.eval(`(() => {
      const f = document.getElementById('pl-log-form');
      return { checked: f.querySelectorAll('input[type=radio]:checked').length,
        reps: f.elements['pl-log-reps'].value, rise: f.elements['pl-log-rise'].value };
    })()`);
    assert.deepEqual(blank, { checked: 0, reps: '', rise: '' });
    await click('Save session');
    assert.match(await status(), /^Choose Yes or No: did you do this session\?$/);
    assert.equal((await stored()).sessions.length, 0);
    await choose('Did you do this session?', 'Yes', '#pl-log-form');
    await fill('Reps you managed in each set', 5);
    await click('Save session');
    assert.match(await status(), /^Choose how much your pain went up, from 0 to 10\.$/);
    await fill('How much did your pain go up during it?', 0);
    await click('Save session');
    assert.match(await status(), /^Choose an answer: did your pain stay up afterwards\?$/);
    assert.equal((await stored()).sessions.length, 0);
  });

  it('"too soon to tell" is asked again later, and until then the dose does not go up', async () => {
    await logSession({ date: await day(-1), session: 1, reps: 5, rise: 0, stayed: 'No' });
    await logSession({ date: await day(-1), session: 2, reps: 5, rise: 0, stayed: 'Too soon to tell: ask me later' });
    assert.equal((await stored()).sessions[1].pain_stayed_up, null);
    assert.match(await advice(), /^Same dose today: 2 x 5\. You have not said yet whether your pain settled after a session on .*, so the dose stays the same\./);
    // Opening the page again: the question waits at the top.
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-pending-form')`, [], { what: 'the open question' });
    assert.match(await page.eval(`${H}.text('.planner-pending')`), /A question about your pain Session 2 \(Double leg bridge\) on /);
    await choose(await stayedQuestion(), 'No', '#pl-pending-form');
    await click('Save answer');
    await page.waitUntil(`/^Saved your answer/.test(${H}.text('#pl-status'))`, [], { what: 'the answer saved' });
    assert.match(await status(), /^Saved your answer\. Move up: today is 2 x 9\.$/);
    assert.equal(await page.eval(`document.getElementById('pl-status').className`), 'planner-status planner-status-ok');
    assert.equal(await page.eval(`!!document.getElementById('pl-pending-form')`), false);
    assert.equal((await stored()).sessions[1].pain_stayed_up, false);
  });

  it('a session not done shows as "not done", without reps or pain', async () => {
    await logSession({ date: await day(0), session: 1, done: 'No' });
    assert.match(await page.eval(`${H}.text('#pl-sessions')`), /Session 1 of 2: not done \W Session 2 of 2/);
    const today = await day(0);
    assert.deepEqual((await stored()).sessions.find((e) => e.date === today && e.session === 1),
      { date: today, session: 1, done: false, reps: null, pain_rise: 0, pain_stayed_up: false, exercise: 'double-leg-bridge' });
  });

  it('asks again for usual pain after a week; a rise to baseline_max suggests a consultation', async () => {
    await freshStart(url());
    await startPlan(7);
    assert.match(await page.eval(`${H}.text('.planner-usual-again')`), /Your usual pain this week/);
    await fill('Your usual pain now, on average', 4);
    await click('Save my usual pain');
    await page.waitUntil(`/^Saved: your usual pain/.test(${H}.text('#pl-status'))`, [], { what: 'saved' });
    assert.equal(await page.eval(`!!document.querySelector('.planner-usual-again')`), false);
    assert.match(await page.eval(`${H}.text('#pl-alerts')`), /The clinic recommends a consultation\. Your usual pain is 4 out of 10\. This plan is for usual pain below 4 out of 10\. Please book a consultation\./);
    assert.deepEqual((await stored()).usual_pain_log, [{ date: await day(0), usual_pain: 4 }]);
  });

  it('milestones are offered only for exercises the patient has reached', async () => {
    await freshStart(url());
    await startPlan(4);
    for (const [n, reps] of [[4, 5], [3, 9], [2, 12]]) {
      await logSession({ date: await day(-n), session: 1, reps, rise: 0 });
      await logSession({ date: await day(-n), session: 2, reps, rise: 0 });
    }
    assert.match(await advice(), /^Same dose today: 2 x 5\./);
    assert.match(await page.eval(`${H}.text('.planner-exercise')`), /Single leg bridge, bent knee/);
    await click('Log a test set');
    const offered = await page.eval(`[...document.getElementById('pl-test-exercise').options].map((o) => o.textContent)`);
    assert.deepEqual(offered, ['Single leg bridge, bent knee']);
    await fill('Reps you managed in one set', 15);
    await fill('How much did your pain go up during the test set?', 1);
    await choose(await stayedQuestion(), 'No', '#pl-test-form');
    await click('Save test set');
    await page.waitUntil(`/Milestone unlocked/.test(${H}.text('#pl-status'))`, [], { what: 'the milestone message' });
    assert.match(await page.eval(`${H}.text('#pl-milestones')`), /Unlocked: 15 Single leg bridge, bent knee .* Not yet: 15 Jump lunge .* You can try this once your plan reaches Jump lunge\./);
  });

  it('on a flare-up day a test set done earlier is kept but reaches no milestone, and nothing says to keep going', async () => {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      await freshStart(url());
      await startPlan(3);
      for (const [n, reps] of [[3, 5], [2, 9], [1, 12]]) {
        await logSession({ date: await day(-n), session: 1, reps, rise: 0 });
        await logSession({ date: await day(-n), session: 2, reps, rise: 0 });
      }
      // The first day of the milestone's exercise: the morning session goes over the pain rules.
      await logSession({ date: await day(0), session: 1, reps: 5, rise: 4 });
      assert.match(await advice(), /^!Stop your exercises for today\./);
      // The patient logs the test set they did before it (15 reps, within the rules).
      await click('Log a test set');
      await fill('Reps you managed in one set', 15);
      await fill('How much did your pain go up during the test set?', 0);
      await choose(await stayedQuestion(), 'No', '#pl-test-form');
      await page.eval(`document.getElementById('pl-status').textContent = ''`);
      await click('Save test set');
      await page.waitUntil(`/^Saved your test set/.test(${H}.text('#pl-status'))`, [], { what: 'the saved message' });
      assert.equal(await status(), 'Saved your test set. Stop your exercises for today.');
      assert.equal((await stored()).tests.length, 1, 'the test set is kept');
      const card = await page.eval(`${H}.text('.planner-milestones-card')`);
      assert.doesNotMatch(card, /Unlocked:/);
      assert.doesNotMatch(await appText(), /Milestone unlocked|Keep going/);
      // The next day (the single leg bridge flared before any dose of it stayed within the
      // rules: back to the double leg bridge) the milestone is still to reach.
      await nextDay();
      assert.match(await advice(), /^Step back: back to Double leg bridge, at 2 x 12\./);
      await settled();
      assert.doesNotMatch(await page.eval(`${H}.text('.planner-milestones-card')`), /Unlocked:/);
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
  });

  /** Started yesterday, both of yesterday's sessions within the pain rules, then a severe rise of 9 today. */
  async function severeFlareToday() {
    await freshStart(url());
    await startPlan(1);
    await logSession({ date: await day(-1), session: 1, reps: 5, rise: 0 });
    await logSession({ date: await day(-1), session: 2, reps: 5, rise: 0 });
    await logSession({ date: await day(0), session: 1, reps: 9, rise: 9 });
    await settled();
  }

  it('the phone\'s date set back after a severe flare-up: no move up, the flare-up note stays, and the page says the date looks wrong', async () => {
    await severeFlareToday();
    const [yesterday, today] = [await day(-1), await day(0)];
    const putRight = await setClock(-1);
    try {
      await page.reload();
      await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
      await settled();
      assert.equal(await day(0), yesterday, 'the page\'s clock is a day back');
      const text = await appText();
      assert.doesNotMatch(text, /Move up|move up to/, 'no advice to do more');
      // The heading names the date the advice is for, the last entry's, not "Today".
      const heading = await page.eval(`${H}.text('#pl-today-h')`);
      const on = (heading.match(/^Advice for (.+) \(the date of your last entry\)$/) || [])[1];
      assert.ok(on, heading);
      // The words under it agree: the same advice (stop, speak to the clinic next), and no
      // "today" anywhere on the card, since the device's today is not the day it is for.
      assert.match(await advice(), /^!Stop your exercises now, for the rest of the day\. A recent session went over the pain rules\. Do not do any more sessions for the rest of the day\./);
      assert.match(await advice(), /On [^:.]+: speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose is 2 x 5\./);
      assert.match(text, /Your pain flared up badly\. Please contact the clinic now\./);
      assert.match(await page.eval(`${H}.text('#pl-clock')`),
        /^This device's date is earlier than your last entry\. This device's date is .+, but your plan has an entry dated .+\. Every entry is kept\./);
      const card = await todayCard();
      assert.doesNotMatch(card, /today|tomorrow/i, card);
      assert.match(card, new RegExp(`Sessions for ${on} `));
      assert.match(card, /Not now: do not do this exercise again for the rest of the day\./);
      assert.match(card, /Session 2 of 2: not to be done \(your pain went over the pain rules\)/);
      // The milestones card does not say "today" either.
      assert.match(await page.eval(`${H}.text('.planner-milestones-card')`), /Do not try a milestone test set now: your pain went over the pain rules\./);
      // On paper too, with the flare-up note.
      const paper = (await printedText(page)).replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');
      assert.match(paper, /This device's date is earlier than your last entry\./);
      assert.match(paper, /Your pain flared up badly\./);
      assert.match(paper, /Stop your exercises now, for the rest of the day\./);
      assert.doesNotMatch(paper, /Move up:|Tomorrow: move up/, 'the rules say "move up", the advice must not');
      assert.doesNotMatch(paper, /Stop your exercises for today|Today's sessions|Tomorrow:/);
      // The same on the Spanish page: no "hoy" (today) nor "mañana" (tomorrow) on the card.
      await page.goto(`${origin}/es/planner/hamstring/`);
      await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the Spanish today view' });
      await settled();
      const es = await todayCard();
      const esOn = (es.match(/^Consejos para el día (.+?) \(la fecha de su última anotación\)/) || [])[1];
      assert.ok(esOn, es);
      assert.doesNotMatch(es, /\bhoy\b|mañana/i, es);
      assert.match(es, /Deje sus ejercicios ahora, por el resto del día\./);
      assert.match(es, /Contacte ahora con la clínica\./);
      assert.match(es, new RegExp(`Sesiones del ${esOn} `));
      await page.goto(url());
      await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
      await settled();
      // The log form asks for the date instead of filling in the device's.
      assert.equal(await page.eval(`${H}.control('Date of the session').value`), '');
      assert.match(text, /This device's date may be wrong: choose the date you did this session\./);
      // "I have spoken to the clinic" on this device answers the flare-up (dated its day): the
      // note goes, and the dose is still no higher than before the flare-up.
      await click('I have spoken to the clinic');
      await page.waitUntil(`/^Saved: you spoke to the clinic/.test(${H}.text('#pl-status'))`, [], { what: 'the answer saved' });
      assert.doesNotMatch(await appText(), /Your pain flared up badly|Move up|move up to/);
      assert.deepEqual((await stored()).spoken_to_clinic.map((c) => c.date), [today]);
      assert.deepEqual((await stored()).sessions.map((e) => e.date), [yesterday, yesterday, today], 'nothing lost');
    } finally {
      await putRight();
    }
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the today view' });
    assert.equal(await page.eval(`!!document.getElementById('pl-clock')`), false, 'the date put right: no note');
    assert.match(await page.eval(`${H}.text('#pl-today-h')`), /^Today, /);
    // With the date put right, the card's words say "today" again.
    const card = await todayCard();
    assert.match(await advice(), /^!Stop your exercises for today\. A session today went over the pain rules\./);
    assert.match(card, /Today's sessions/);
    assert.match(card, /Not today: do not do this exercise again today\./);
    assert.match(card, /Session 2 of 2: not to be done today \(your pain went over the pain rules\)/);
    await page.goto(`${origin}/es/planner/hamstring/`);
    await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the Spanish today view' });
    const es = await todayCard();
    assert.match(es, /^Hoy, /);
    assert.match(es, /Deje sus ejercicios por hoy\./);
    assert.match(es, /Sesiones de hoy/);
  });

  it('printed on a severe flare-up day, the plan fits one A4 and one Letter sheet with every safety word and dose', async () => {
    await severeFlareToday();
    assert.equal(await printedPages(page), 1, 'A4 sheets');
    assert.equal(await printedPages(page, { letter: true }), 1, 'Letter sheets');
    const text = (await printedText(page)).replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');
    assert.match(text, /Stop your exercises for today\./);
    assert.match(text, /Tomorrow: speak to the clinic before you exercise again\. If the clinic says you can carry on, your dose is 2 x 5\./);
    assert.match(text, /Your pain flared up badly\. Please contact the clinic today\./);
    assert.match(text, /Do not do any more exercises from this plan until you have spoken to the clinic\./);
    assert.match(text, /01632 960 123/);
    assert.match(text, /When the clinic is closed: Call NHS 111 for urgent advice, or 999 in an emergency\./);
    assert.match(text, /During exercise, your pain should not go up by more than 2 out of 10\./);
    assert.match(text, /A rise of 5 or more during a session, or pain that stays up after exercise two days running, is a bad flare-up: stop the exercises and contact the clinic before you do them again\./);
    for (let n = 1; n <= 6; n++) assert.match(text, new RegExp(`${n}\\. [^.]+: from 2 x 5 up to 2 x 12\\.`), `step ${n}'s doses`);
    assert.doesNotMatch(text, /I have spoken to the clinic|Save session/, 'controls are left off paper');
    assert.doesNotMatch(text, /Start to build up/, 'no milestone says to do more on the day of a flare-up');
    // The same plan on the Spanish page, whose words are longer.
    await page.goto(`${origin}/es/planner/hamstring/`);
    await page.waitUntil(`!!document.getElementById('pl-advice')`, [], { what: 'the Spanish today view' });
    await settled();
    const es = (await printedText(page)).replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2');
    assert.match(es, /Su dolor ha empeorado mucho\. Contacte hoy con la clínica\./);
    assert.match(es, /es un empeoramiento fuerte: deje los ejercicios y contacte con la clínica antes de volver a hacerlos\./);
    assert.equal(await printedPages(page), 1, 'A4 sheets, in Spanish');
    assert.equal(await printedPages(page, { letter: true }), 1, 'Letter sheets, in Spanish');
  });

  it('on a severe flare-up day the notes, the clinic\'s contact and the answer button fit a 320 px phone, named and big enough', async () => {
    await severeFlareToday();
    assert.match(await advice(), /^!Stop your exercises for today\./);
    assert.ok(await page.eval(`!!${H}.button('I have spoken to the clinic')`));
    await checkNarrow();
    await checkA11y();
    // The next day: speak to the clinic first.
    await nextDay();
    await settled();
    assert.match(await advice(), /^!Speak to the clinic before you exercise again\./);
    await checkNarrow();
    await checkA11y();
  });

  it('the history reads on a 320 px phone without sideways scrolling, pain days marked in words', async () => {
    await logSession({ date: await day(0), session: 1, reps: 5, rise: 3 });
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      await page.waitUntil(`document.documentElement.clientWidth === 320`, [], { what: 'the narrow screen' });
      const r = await page.eval(`(() => {
        const h = document.getElementById('pl-history');
        return { scroll: h.scrollWidth <= h.clientWidth, right: h.getBoundingClientRect().right,
          wide: document.documentElement.scrollWidth, today: ${H}.norm(h.querySelector('li').innerText) };
      })()`);
      assert.ok(r.scroll && r.right <= 320 && r.wide <= 320, JSON.stringify(r));
      assert.match(r.today, /Session 1: 5 reps, pain up 3/);
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
    assert.deepEqual(await axeAudit(page), [], 'axe-core: serious or critical violations with a started plan and a history');
    // Regions a screen reader lists by name: no two with the same name ("Milestones" twice,
    // the schedule and its scrolling table).
    assert.deepEqual((await axeAudit(page, { minImpact: 'minor' })).filter((v) => v.startsWith('landmark-unique')), []);
  });

  it('imports refuse done-without-reps and ignore what is dated before the start', async () => {
    const plan = await stored();
    const noReps = { ...plan, sessions: [{ date: plan.start_date, session: 1, done: true, reps: null, pain_rise: 0, pain_stayed_up: false }] };
    assert.match(await importFile('noreps.json', JSON.stringify(noReps)),
      /Session entry 1: it is marked as done but has no reps\. Add the reps, or mark it as not done\. Your plan has not changed\./);
    const early = {
      ...plan,
      sessions: [{ date: '2000-01-01', session: 1, done: true, reps: 5, pain_rise: 9, pain_stayed_up: true }],
      tests: [{ date: '2000-01-01', exercise: 'jump-lunge', reps: 99, pain_rise: 0, pain_stayed_up: false }]
    };
    assert.match(await importFile('early.json', JSON.stringify(early)), /Check before you replace your plan/);
    await click('Yes, replace my plan');
    assert.match(await status(), /^Imported your plan: started .*, 0 logged sessions\.$/);
    assert.deepEqual([(await stored()).sessions, (await stored()).tests], [[], []]);
  });

  it('an import keeps entries dated after this device\'s today (another phone\'s clock or time zone) and says so', async () => {
    // A plan with nothing logged yet, so the import replaces it without asking first.
    await freshStart(url());
    await startPlan(0);
    const plan = await stored();
    const [yesterday, tomorrow, later] = [await day(-1), await day(1), await day(2)];
    const entry = (date, session) => ({ date, session, done: true, reps: 5, pain_rise: 1, pain_stayed_up: false });
    const file = {
      ...plan, start_date: yesterday,
      sessions: [entry(yesterday, 1), entry(yesterday, 2), entry(tomorrow, 1), entry(later, 1)],
      tests: []
    };
    assert.match(await importFile('ahead.json', JSON.stringify(file)), /^Imported your plan: started .*, 4 logged sessions\. 2 entries are dated after today on this device \(the latest on .*\): they are kept, and count from their own date\./);
    assert.deepEqual((await stored()).sessions.map((e) => e.date), [yesterday, yesterday, tomorrow, later], 'nothing lost');
    await settled();
    assert.match(await page.eval(`${H}.text('#pl-ahead')`),
      /^2 entries are dated after today on this device \(the latest on .*\): they are kept, and count from their own date\. If this device's date or time zone is wrong, correct it in its settings\.$/);
    // The advice is for the latest entry's date (every entry counts on its own day), the
    // dose does not go up on this device's today or later, and the card says the date looks wrong.
    const heading = await page.eval(`${H}.text('#pl-today-h')`);
    const on = (heading.match(/^Advice for (.+) \(the date of your last entry\)$/) || [])[1];
    assert.ok(on, heading);
    assert.match(await advice(), new RegExp(`^Same dose for ${on}: 2 x 9\\.`));
    assert.match(await page.eval(`${H}.text('#pl-clock')`), /^This device's date is earlier than your last entry\./);
    assert.doesNotMatch(await appText(), /Move up/);
    const card = await todayCard();
    assert.doesNotMatch(card, /today|tomorrow/i, card);
    assert.match(card, new RegExp(`Sessions for ${on} `));
    // The history does not call the day the advice is for "Today" either: it is not over yet.
    const latest = await page.eval(`${H}.norm(document.querySelector('#pl-history > li').innerText)`);
    assert.match(latest, /Result: Not over yet$/, latest);
    assert.doesNotMatch(await page.eval(`${H}.text('#pl-history')`), /Result: Today/);
    // Logging a session on this device's today: the reps hint and the saved message name its
    // date, not "today", since the advice above is for another day.
    await fill('Date of the session', await day(0));
    assert.match(await page.eval(`${H}.text('#pl-log-reps-hint')`), /The dose on [^.]+ was/);
    await logSession({ date: await day(0), session: 1, reps: 9, rise: 0 });
    assert.match(await status(), /^Saved session 1 for [^.]*\d[^.]*\./);
    assert.doesNotMatch(await status(), /today/i);
  });

  it('a plan saved by the version-1 planner loads from this browser and from a file', async () => {
    const v1 = readFileSync(join(repo, 'tests', 'fixtures', 'planner', 'plan-v1.json'), 'utf8');
    await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(v1)})`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view of the old plan' });
    await settled();
    assert.equal(await page.eval(`!!document.querySelector('#planner-app .planner-warn p') && /cannot be read/.test(${H}.text())`), false);
    // A plan this old lists its last 28 days until asked for all of them.
    assert.doesNotMatch(await page.eval(`${H}.text('#pl-history')`), /Mon 3 Mar/);
    await click(await page.eval(`${H}.text('#pl-history-all')`));
    assert.match(await page.eval(`${H}.text('#pl-history-all')`) ?? '', /^$/);
    assert.match(await page.eval(`${H}.text('#pl-history')`), /Mon 3 Mar Double leg bridge, 2 x 5/);
    await page.eval(`localStorage.clear()`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
    assert.match(await importFile('v1.json', v1), /^Imported your plan: started Monday 3 March, 5 logged sessions\.$/);
    assert.equal((await stored()).version, 2);
  });

  it('keeps working with the network off', async () => {
    await freshStart(url());
    await setOffline(page, true);
    try {
      await startPlan(0);
      await logSession({ date: await day(0), session: 1, reps: 5, rise: 0 });
      assert.match(await page.eval(`${H}.text('#pl-sessions')`), /Session 1 of 2: done \(5 reps, pain up 0\)/);
      assert.equal((await stored()).sessions.length, 1);
    } finally {
      await setOffline(page, false);
    }
    assert.deepEqual(page.exceptions, []);
  });
});
