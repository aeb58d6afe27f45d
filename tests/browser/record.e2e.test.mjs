// End-to-end test of the patient's record (issue 12) in real headless Chromium:
//
//   node --test tests/browser/record.e2e.test.mjs
//
// Builds a copy of the sample site with $SINEW_BIN (or `cargo run`), serves it on
// 127.0.0.1, and drives /planner/hamstring/ by visible labels: the progress chart's
// points against the logged values, a session note in the history, the CSV read back
// by Python's csv module, the "My progress" summary printed to at most two A4 pages
// (its PDF text holds the logged values; two years of logs too), persistence asked
// for, the download reminder and the iPhone advice, the reminder calendar file read by
// Python's `icalendar` (ICALENDAR_PYTHON, installed by scripts/test) and expanded by
// dateutil, and offline use: after a first visit the page loads and logs a session with
// the server stopped and the browser offline, and a rebuilt site is picked up online.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { repo, build, serve, stop, printedText, setOffline, plannerSettled } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-record-e2e-'));
const src = join(work, 'src');
const out = join(work, 'site');
const downloads = join(work, 'downloads');

const H = `(() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const app = document.getElementById('planner-app') || document.body;
  return {
    norm, app,
    control(label) {
      for (const l of app.querySelectorAll('label')) if (visible(l) && norm(l.textContent) === label) return l.control;
      return null;
    },
    radio(group, option) {
      for (const f of app.querySelectorAll('#pl-log-form fieldset')) {
        if (!visible(f) || norm(f.querySelector('legend').textContent) !== group) continue;
        for (const l of f.querySelectorAll('label')) if (norm(l.textContent) === option) return l.control;
      }
      return null;
    },
    button(name) {
      for (const b of document.querySelectorAll('button, a')) if (visible(b) && norm(b.textContent) === name) return b;
      return null;
    },
    text(sel) { const el = document.querySelector(sel); return el ? norm(el.innerText) : null; }
  };
})()`;

let browser, page, server, origin, port;

/** The local date `n` days from today, as the page's clock sees it. */
function day(n) {
  const x = new Date();
  x.setDate(x.getDate() + n);
  return x.getFullYear() + '-' + String(x.getMonth() + 1).padStart(2, '0') + '-' + String(x.getDate()).padStart(2, '0');
}

/** Wait until the planner has built its cards below today's (helpers.mjs). */
const settled = () => plannerSettled(page);

async function fill(label, value) {
  await settled();
  const expr = `${H}.control(${JSON.stringify(label)})`;
  const kind = await page.eval(`(() => { const c = ${expr}; return c ? c.type || c.tagName : null; })()`);
  assert.ok(kind, `no visible control labelled "${label}"`);
  await page.clickAt(expr);
  if (kind === 'number' || kind === 'text') {
    await page.eval(`${expr}.select()`);
    await page.type(String(value));
  } else {
    await page.eval(`(() => { const c = ${expr}; c.value = ${JSON.stringify(String(value))};
      c.dispatchEvent(new Event('input', { bubbles: true })); c.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  }
}

async function choose(group, option) {
  await settled();
  const expr = `${H}.radio(${JSON.stringify(group)}, ${JSON.stringify(option)})`;
  assert.ok(await page.eval(`!!${expr}`), `no option "${option}" for "${group}"`);
  await page.clickAt(expr);
}

async function click(name) {
  await settled();
  const expr = `${H}.button(${JSON.stringify(name)})`;
  assert.ok(await page.eval(`!!${expr}`), `no visible button or link "${name}"`);
  await page.clickAt(expr);
}

/** Log a session through the visible form, with an optional note. */
async function logSession({ date, session, reps, rise, note }) {
  await fill('Date of the session', date);
  await fill('Which session', session);
  await choose('Did you do this session?', 'Yes');
  await fill('Reps you managed in each set', reps);
  await fill('How much did your pain go up during it?', rise);
  const stayed = await page.eval(`(() => { for (const l of document.querySelectorAll('#pl-log-form legend')) if (/^Afterwards/.test(l.textContent)) return ${H}.norm(l.textContent); })()`);
  await choose(stayed, 'No');
  if (note) await fill('Note (optional)', note);
  await page.eval(`document.getElementById('pl-status').textContent = ''`);
  await click('Save session');
  await page.waitUntil(`/^Saved session/.test(${H}.text('#pl-status'))`, [], { what: 'the saved message' });
}

/**
 * A version-2 plan for the sample ladder (twice a day), started `days` days ago, every
 * session done; pain rises cycle 0-3, a few days with pain that stayed up, some notes
 * (one that a spreadsheet would run as a formula, one with quotes and a comma).
 */
function planFile(days) {
  const start = day(-(days - 1));
  const sessions = [];
  for (let i = 0; i < days - 1; i++) {
    for (const s of [1, 2]) {
      const e = { date: day(-(days - 1) + i), session: s, done: true, reps: 5 + (i % 8), pain_rise: (i + s) % 4,
        pain_stayed_up: i % 9 === 4 && s === 2 };
      if (i === days - 3 && s === 1) e.note = '=HYPERLINK("http://x.example","click")';
      if (i === days - 2 && s === 2) e.note = 'tight after stairs, "a bit" sore';
      sessions.push(e);
    }
  }
  return { format: 'sinew-planner', version: 2, ladder: 'hamstring', start_date: start, usual_pain: 2,
    usual_pain_log: [], sessions, tests: [] };
}

/** Start from nothing and import `plan` through the visible import control. */
async function importPlan(plan) {
  await page.goto(`${origin}/planner/hamstring/`);
  await page.eval('localStorage.clear()');
  await page.reload();
  await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
  const f = join(work, `plan-${plan.sessions.length}.json`);
  writeFileSync(f, JSON.stringify(plan));
  const input = await page.handle(`${H}.control('Import a planner file')`);
  await page.send('DOM.setFileInputFiles', { files: [f], objectId: input });
  await page.waitUntil(`/Imported/.test(${H}.text('#pl-status'))`, [], { what: 'the import message', timeout: 15000 });
}

/** Click a link and wait for the page it opens. */
async function follow(name) {
  const loaded = browser.waitFor('Page.loadEventFired', { sessionId: page.sessionId });
  await click(name);
  await loaded;
}

/** Click a download button and return the downloaded file's path. */
async function downloadBy(name, ext) {
  await settled();
  const done = browser.waitFor('Browser.downloadProgress', { filter: (p) => p.state === 'completed', timeout: 10000 });
  await click(name);
  await done;
  const files = readdirSync(downloads).filter((f) => f.endsWith(ext));
  assert.equal(files.length, 1, `one ${ext} file downloaded`);
  return join(downloads, files[0]);
}

/** How many A4 pages `p` prints on (the PDF page tree's /Count). */
async function printedPages(p) {
  const pdf = await p.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true });
  const counts = [...Buffer.from(pdf.data, 'base64').toString('latin1').matchAll(/\/Type \/Pages[^>]*?\/Count (\d+)|\/Count (\d+)[^>]*?\/Type \/Pages/g)];
  assert.ok(counts.length > 0, 'no page tree found in the PDF');
  return Number(counts[0][1] ?? counts[0][2]);
}

/** Run Python (ICALENDAR_PYTHON, else python3) on `code` with `args`; its JSON output. */
function python(code, ...args) {
  const py = process.env.ICALENDAR_PYTHON || 'python3';
  try {
    return JSON.parse(execFileSync(py, ['-c', code, ...args], { encoding: 'utf8' }));
  } catch (e) {
    if (/No module named 'icalendar'/.test(String(e.stderr))) {
      throw new Error('Python\'s icalendar is missing: run scripts/test (it installs tests/browser/requirements.txt), or set ICALENDAR_PYTHON');
    }
    throw e;
  }
}

before(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HELP);
  mkdirSync(src);
  for (const p of ['site.yaml', 'content', 'templates', 'static']) {
    if (existsSync(join(repo, p))) cpSync(join(repo, p), join(src, p), { recursive: true });
  }
  build(src, out);
  server = await serve(out);
  port = server.address().port;
  origin = `http://127.0.0.1:${port}`;
  browser = await Browser.launch();
  mkdirSync(downloads, { recursive: true });
  await browser.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  page = await browser.newPage();
  await page.send('DOM.enable');
  // Count the page's requests to keep its storage (the browser may say yes or no).
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `
    window.__persistCalls = 0;
    if (navigator.storage && navigator.storage.persist) {
      const real = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => { window.__persistCalls++; return real(); };
    }` });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await stop(server);
  rmSync(work, { recursive: true, force: true });
});

describe('the record of a plan', () => {
  const plan = planFile(6);

  it('draws the whole plan: the chart points match the logged values, and a note shows in the history', async () => {
    await importPlan(plan);
    await logSession({ date: day(0), session: 1, reps: 5, rise: 3, note: 'tight after stairs' });
    const chart = await page.eval(`(() => {
      const svg = document.getElementById('pl-chart');
      if (!svg) return null;
      const pain = [...svg.querySelectorAll('circle.planner-chart-pain')].map((c) => ({ date: c.dataset.date, rise: +c.dataset.rise, cy: +c.getAttribute('cy') }));
      const dose = [...svg.querySelectorAll('circle.planner-chart-dose')].map((c) => ({ date: c.dataset.date, dose: +c.dataset.dose, cy: +c.getAttribute('cy') }));
      const axis = [...svg.querySelectorAll('line.planner-chart-axis')].map((l) => +l.getAttribute('y1'));
      const limit = +svg.querySelector('line.planner-chart-limit').getAttribute('y1');
      const st = SinewPlanner.computeState(JSON.parse(document.getElementById('sinew-ladder').textContent),
        JSON.parse(localStorage.getItem('sinew-planner:hamstring')), ${JSON.stringify(day(0))});
      return { pain, dose, axis, limit, days: st.days.map((d) => ({ date: d.date, dose: d.sets * d.reps * 2 })),
        title: svg.querySelector('title').textContent, width: svg.getBoundingClientRect().width };
    })()`);
    assert.ok(chart, 'the progress chart is drawn');
    // Pain: one point per day with a logged session, at the day's highest rise, on a 0-10 scale.
    const logged = [...plan.sessions, { date: day(0), pain_rise: 3 }];
    const want = new Map();
    for (const e of logged) want.set(e.date, Math.max(want.get(e.date) ?? 0, e.pain_rise));
    assert.deepEqual(chart.pain.map((p) => [p.date, p.rise]), [...want.entries()]);
    const [doseBase, painBase] = chart.axis;
    const painHeight = (painBase - chart.limit) / 2; // one point of pain: the limit line is at max_rise_during = 2
    for (const p of chart.pain) {
      assert.ok(Math.abs((painBase - p.cy) / painHeight - p.rise) < 0.01, `pain point of ${p.date} drawn at ${p.rise}`);
    }
    // Dose: one point per day of the plan, the daily dose (sets x reps x sessions).
    assert.deepEqual(chart.dose.map((d) => [d.date, d.dose]), chart.days.map((d) => [d.date, d.dose]));
    const top = Math.max(...chart.dose.map((d) => d.dose));
    for (const d of chart.dose) {
      const high = chart.dose.find((x) => x.dose === top);
      assert.ok(Math.abs((doseBase - d.cy) / (doseBase - high.cy) * top - d.dose) < 0.01, `dose point of ${d.date}`);
    }
    assert.match(chart.title, /the daily dose/);
    assert.match(await page.eval(`${H}.text('#pl-history')`), /Note: tight after stairs/);
    assert.match(await page.eval(`${H}.text('#pl-history')`), /Note: tight after stairs, "a bit" sore/);
    // Readable on a 320 px phone: the chart fits the screen.
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      const w = await page.eval(`document.getElementById('pl-chart').getBoundingClientRect().right <= document.documentElement.clientWidth`);
      assert.ok(w, 'the chart fits 320 px');
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
  });

  it('downloads a CSV that a spreadsheet reads back with the same values, and never as a formula', async () => {
    const file = await downloadBy('Download for a spreadsheet (CSV)', '.csv');
    const raw = readFileSync(file, 'utf8');
    assert.ok(raw.includes('\r\n') && !/[^\r]\n/.test(raw), 'RFC 4180 line ends');
    const rows = python(`import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    print(json.dumps(list(csv.DictReader(f))))`, file);
    const stored = await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring'))`);
    assert.equal(rows.length, stored.sessions.length);
    for (const [k, e] of stored.sessions.entries()) {
      const r = rows[k];
      assert.deepEqual([r.date, r.kind, +r.session, r.done, +r['reps managed'], +r['pain rise'], r['pain stayed up']],
        [e.date, 'session', e.session, 'yes', e.reps, e.pain_rise, e.pain_stayed_up ? 'yes' : 'no']);
      const note = e.note || '';
      assert.equal(r.note, /^[=+\-@\t\r]/.test(note) ? "'" + note : note, `note of ${e.date} session ${e.session}`);
    }
    assert.ok(rows.some((r) => r.note === 'tight after stairs, "a bit" sore'), 'quotes and commas survive');
    rmSync(file);
  });

  it('prints "My progress" on at most two A4 pages, holding the logged values', async () => {
    await follow('My progress: a summary to print or show your physiotherapist');
    await page.waitUntil(`!!document.getElementById('summary-days')`, [], { what: 'the summary' });
    const pages = await printedPages(page);
    assert.ok(pages <= 2, `the summary prints on ${pages} pages`);
    const printed = await printedText(page);
    if (process.env.DUMP_SUMMARY) writeFileSync(process.env.DUMP_SUMMARY, printed);
    const text = printed.replace(/\s+/g, ' ');
    assert.match(text, new RegExp('Started .*\\(' + plan.start_date + '\\)'));
    assert.match(text, /Usual pain at the start 2 \/ 10/);
    assert.match(text, /tight after stairs, "a bit" sore/);
    assert.match(text, /Sessions done 11/);
    // Every logged day's row: its date, "2 of 2" or "1 of 2" sessions, the highest pain rise.
    const rows = await page.eval(`[...document.querySelectorAll('#summary-days tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent))`);
    const want = new Map();
    for (const e of [...plan.sessions, { date: day(0), pain_rise: 3 }]) want.set(e.date, Math.max(want.get(e.date) ?? 0, e.pain_rise));
    assert.equal(rows.length, want.size);
    for (const r of rows) {
      assert.ok(text.includes(r[0] + ' ' + r[1]), `the printed summary has the row of ${r[0]}`);
    }
    // Short dates with the names of the page's string table ("Mon 3 Mar" in English).
    const dates = await page.eval(`(() => { const s = JSON.parse(document.getElementById('sinew-strings').textContent); return ${JSON.stringify([...want.keys()])}.map((d) => { const [y, m, x] = d.split('-'); const t = new Date(Date.UTC(+y, +m - 1, +x)); return s.text.dateShort.replace('{weekday}', s.weekdays_short[(t.getUTCDay() + 6) % 7]).replace('{day}', String(+x)).replace('{month}', s.months_short[+m - 1]).replace('{year}', y); }); })()`);
    assert.deepEqual(rows.map((r) => [r[0], +r[3]]), [...want.entries()].map(([, v], k) => [dates[k], v]).reverse());
  });

  it('prints two years of twice-daily logs on at most two A4 pages', async () => {
    const long = planFile(731);
    assert.equal(long.sessions.length, 1460);
    await importPlan(long);
    await follow('My progress: a summary to print or show your physiotherapist');
    await page.waitUntil(`!!document.getElementById('summary-months')`, [], { what: 'the summary', timeout: 15000 });
    if (process.env.DUMP_SUMMARY) writeFileSync(process.env.DUMP_SUMMARY + '.long', await printedText(page));
    const pages = await printedPages(page);
    assert.ok(pages <= 2, `two years print on ${pages} pages`);
    const text = (await printedText(page)).replace(/\s+/g, ' ');
    assert.match(text, /Sessions done 1460/);
    assert.match(text, /Earlier, four weeks a line/);
  });

  // Issue 12's speed: on load only today's card is built at once; the log form, the
  // milestones, the history with its chart, the "Keep" and "Your data" cards follow when the browser
  // is idle or when they near the screen (IntersectionObserver), or on the next task in
  // a browser with neither. Each way, they appear with no click, holding the plan.
  for (const [way, stub] of [
    ['when the browser is idle', 'window.IntersectionObserver = undefined;'],
    ['when scrolled into view', 'window.requestIdleCallback = () => 0;'],
    ['in a browser with neither idle callbacks nor intersection observers',
      'window.requestIdleCallback = undefined; window.IntersectionObserver = undefined;']
  ]) {
    it(`builds the cards below today's ${way}, with the chart's points of two years`, async () => {
      const long = planFile(731);
      await importPlan(long);
      const { identifier } = await page.send('Page.addScriptToEvaluateOnNewDocument', { source: stub });
      try {
        await page.reload();
        await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'today\'s card' });
        if (way.startsWith('when scrolled')) {
          // Not built yet: the browser is never idle in this test.
          assert.ok(await page.eval(`document.querySelectorAll('.planner-later').length > 0`));
          await page.eval(`document.querySelector('.planner-later').scrollIntoView(); true`);
        }
        await page.waitUntil(`!!document.getElementById('pl-chart') && !!document.getElementById('pl-log-form') &&
          !!document.getElementById('pl-keep-h') && !!document.getElementById('pl-ms-h') && !!document.getElementById('pl-data-h')`, [], { what: 'the deferred cards' });
        const chart = await page.eval(`(() => {
          const svg = document.getElementById('pl-chart');
          return { line: svg.querySelector('polyline.planner-chart-doseline').getAttribute('points').split(' ').length,
            dots: (svg.querySelector('path.planner-chart-pain').getAttribute('d').match(/M/g) || []).length +
              ((svg.querySelector('path.planner-chart-over') || { getAttribute: () => '' }).getAttribute('d').match(/M/g) || []).length,
            days: document.querySelectorAll('#pl-history > li').length };
        })()`);
        // 731 days: one dose point a day, a pain dot for each of the 730 logged days, the last 28 days listed.
        assert.deepEqual(chart, { line: 731, dots: 730, days: 28 });
        assert.equal(await page.eval(`document.querySelectorAll('.planner-later').length`), 0);
        assert.deepEqual(page.exceptions, []);
      } finally {
        await page.send('Page.removeScriptToEvaluateOnNewDocument', { identifier });
      }
    });
  }

  it('asks the browser to keep the data, reminds to download a copy, and advises iPhone users', async () => {
    await importPlan(planFile(20));
    assert.ok(await page.eval('window.__persistCalls') >= 1, 'navigator.storage.persist() was called');
    await page.waitUntil(`/agreed to keep|may delete/.test(${H}.text('#pl-persist'))`, [], { what: 'the answer about keeping data' });
    assert.match(await page.eval(`${H}.text('#pl-last-download')`), /You have not downloaded a copy/);
    assert.match(await page.eval(`${H}.text('#pl-download-reminder')`), /14 days or more since your last copy/);
    const file = await downloadBy('Download my data', '.json');
    rmSync(file);
    assert.equal(await page.eval(`!!document.getElementById('pl-download-reminder')`), false);
    assert.match(await page.eval(`${H}.text('#pl-last-download')`), /You last downloaded your data on/);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-keep-h')`, [], { what: 'the keep card' });
    await settled();
    assert.equal(await page.eval(`!!document.getElementById('pl-download-reminder')`), false, 'the download is remembered');
    // A last download dated after today (the device's date was set back since): how long ago
    // it really was cannot be told, so the card reminds, as the safer choice.
    const metaKey = await page.eval(`Object.keys(localStorage).find((k) => k.startsWith('sinew-planner-meta:'))`);
    await page.eval(`(() => { const m = JSON.parse(localStorage.getItem(${JSON.stringify(metaKey)}));
      m.last_download = '2099-01-01'; localStorage.setItem(${JSON.stringify(metaKey)}, JSON.stringify(m)); })()`);
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-keep-h')`, [], { what: 'the keep card' });
    await settled();
    assert.match(await page.eval(`${H}.text('#pl-download-reminder')`), /14 days or more since your last copy/,
      'a download dated after today reminds');
    const again = await downloadBy('Download my data', '.json');
    rmSync(again);
    assert.equal(await page.eval(`!!document.getElementById('pl-download-reminder')`), false);
    assert.equal(await page.eval(`!!document.getElementById('pl-ios')`), false, 'no iPhone advice elsewhere');
    await page.send('Emulation.setUserAgentOverride', {
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
    });
    try {
      await page.reload();
      await page.waitUntil(`!!document.getElementById('pl-ios')`, [], { what: 'the iPhone advice' });
      const t = await page.eval(`${H}.text('#pl-ios')`);
      assert.match(t, /add this page to your Home Screen/);
      assert.match(t, /The Home Screen app keeps its own copy: download your data here first, then open the app and import the file once\./);
    } finally {
      await page.send('Emulation.setUserAgentOverride', { userAgent: '' });
    }
  });

  it('makes a reminder calendar that an independent parser reads, recurring daily until the longest plan ends', async () => {
    const p = await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring'))`);
    assert.match(await page.eval(`${H}.text('.planner-keep')`), /daily reminder at 09:00 and 18:00/);
    const file = await downloadBy('Add reminders to my calendar', '.ics');
    const raw = readFileSync(file);
    for (const line of raw.toString('utf8').split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
    assert.ok(!/[^\r]\n/.test(raw.toString('utf8')), 'CRLF line ends');
    const cal = python(`import json, sys
from icalendar import Calendar
from dateutil.rrule import rrulestr
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    rule = rrulestr(ev['RRULE'].to_ical().decode(), dtstart=start)
    dates = list(rule)
    out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']), 'url': str(ev['URL']),
                'description': str(ev['DESCRIPTION']), 'stamp': ev.decoded('DTSTAMP').isoformat(),
                'first': dates[0].isoformat(), 'last': dates[-1].isoformat(), 'count': len(dates),
                'alarm': len(ev.walk('VALARM'))})
print(json.dumps({'version': str(cal['VERSION']), 'prodid': str(cal['PRODID']), 'events': out}))`, file);
    assert.equal(cal.version, '2.0');
    assert.equal(cal.events.length, 2, 'one daily event per session of the day');
    const longest = 6 * 6; // six exercises, days.max 6 each
    const endDate = new Date(p.start_date + 'T00:00:00Z');
    endDate.setUTCDate(endDate.getUTCDate() + longest - 1);
    const last = endDate.toISOString().slice(0, 10);
    assert.deepEqual(cal.events.map((e) => [e.first, e.last, e.count]), [
      [p.start_date + 'T09:00:00', last + 'T09:00:00', longest],
      [p.start_date + 'T18:00:00', last + 'T18:00:00', longest]
    ]);
    for (const e of cal.events) {
      assert.equal(e.url, `${origin}/planner/hamstring/`);
      assert.ok(e.description.includes(`${origin}/planner/hamstring/`));
      assert.match(e.summary, /^Exercises: .* \(session [12] of 2\)$/);
      assert.match(e.stamp, /\+00:00$/, 'DTSTAMP in UTC');
      assert.equal(e.alarm, 1);
    }
    assert.notEqual(cal.events[0].uid, cal.events[1].uid);
    rmSync(file);
  });

  it('works offline after a first visit, and picks up a rebuilt site when back online', async () => {
    await page.goto(`${origin}/planner/hamstring/`);
    await page.waitUntil(`/works on this device without an internet connection/.test(${H}.text('#pl-offline'))`, [],
      { what: 'the page kept for offline use', timeout: 20000 });
    const exercise = await page.eval(`JSON.parse(document.getElementById('sinew-ladder').textContent).stages[1].url`);
    await stop(server);
    await setOffline(page, true);
    try {
      await page.reload();
      await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the planner, offline' });
      const before = (await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring'))`)).sessions.length;
      await logSession({ date: day(0), session: 2, reps: 7, rise: 1 });
      const after = await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring'))`);
      assert.equal(after.sessions.length, before + 1, 'a session logged offline is kept');
      await page.goto(origin + exercise);
      assert.ok(await page.eval(`!!document.querySelector('h1')`), 'the ladder\'s exercise page opens offline');
      assert.ok(await page.eval(`document.querySelectorAll('link[rel="stylesheet"]').length > 0 && getComputedStyle(document.body).fontFamily !== ''`));
    } finally {
      await setOffline(page, false);
    }
    // A new version of the site: a new title, so a new worker.
    const yaml = readFileSync(join(src, 'site.yaml'), 'utf8');
    writeFileSync(join(src, 'site.yaml'), yaml.replace(/^title: .*$/m, 'title: Riverside Physio, renamed'));
    const oldVersion = /const VERSION = "([0-9a-f]+)"/.exec(readFileSync(join(out, 'sw.js'), 'utf8'))[1];
    build(src, out);
    const newVersion = /const VERSION = "([0-9a-f]+)"/.exec(readFileSync(join(out, 'sw.js'), 'utf8'))[1];
    assert.notEqual(oldVersion, newVersion);
    server = await serve(out, { port });
    await page.goto(`${origin}/planner/hamstring/`);
    assert.match(await page.eval('document.title'), /Riverside Physio, renamed/, 'online, the new site is shown');
    await page.waitUntil(`caches.keys().then((k) => k.some((n) => n.endsWith(':${newVersion}')) && !k.some((n) => n.endsWith(':${oldVersion}')))`,
      [], { what: 'the new worker to take over and drop the old version', timeout: 20000 });
    assert.deepEqual(page.exceptions, []);
  });

  it('the CSV keeps entries dated after this device\'s today (another phone\'s clock), on their own days', async () => {
    // A physiotherapist reading the spreadsheet must see a flare-up logged on the other
    // phone, even before this device's date reaches it: the planner's days run to the
    // latest entry's date (docs/planner.md, "When the device's date is earlier than the log").
    const ahead = planFile(3);
    ahead.sessions.push({ date: day(1), session: 1, done: true, reps: 9, pain_rise: 7, pain_stayed_up: false, exercise: 'double-leg-bridge', note: 'bad night' });
    ahead.tests.push({ date: day(2), exercise: 'double-leg-bridge', reps: 10, pain_rise: 1, pain_stayed_up: false });
    await importPlan(ahead);
    const file = await downloadBy('Download for a spreadsheet (CSV)', '.csv');
    const rows = python(`import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    print(json.dumps(list(csv.DictReader(f))))`, file);
    rmSync(file);
    assert.equal(rows.length, ahead.sessions.length + ahead.tests.length, 'one row per entry, none left out');
    const later = rows.filter((r) => r.date > day(0));
    assert.deepEqual(later.map((r) => [r.date, r.kind, r.exercise, r['reps managed'], r['pain rise'], r['day counted as'], r.note]), [
      [day(1), 'session', 'Double leg bridge', '9', '7', 'pain', 'bad night'],
      [day(2), 'test set', 'Double leg bridge', '10', '1', 'today', '']
    ]);
    // "My progress" says that some entries are dated after this device's today.
    await follow('My progress: a summary to print or show your physiotherapist');
    await page.waitUntil(`!!document.getElementById('summary-days')`, [], { what: 'the summary' });
    const summary = (await printedText(page)).replace(/\s+/g, ' ');
    assert.match(summary, /2 entries are dated after today on this device \(the latest on .*\): they are kept, and count from their own date\./);
    // The day the summary runs to is the last entry's, not this device's today: it is
    // named by its date, as on the planner's card, never "Today".
    const facts = await page.eval(`[...document.querySelectorAll('.summary-facts dt')].map((d) => d.textContent)`);
    assert.ok(facts.some((f) => /^Advice for [^()]+ \(the date of your last entry\)$/.test(f)), facts.join(' | '));
    assert.doesNotMatch(summary, /\bToday\b/);
  });

});
