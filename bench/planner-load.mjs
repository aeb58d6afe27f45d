#!/usr/bin/env node
// Benchmark of issue 12: the planner page with a long history. Builds the sample site
// (with $SINEW_BIN, or `cargo run --release`), serves it on 127.0.0.1, stores a plan of
// two years of twice-daily sessions (1,460 logged sessions) in the browser (stored by the
// page itself, as a patient's plan is, so it carries the page's seal), and loads
// /planner/hamstring/ in headless Chromium with 4x CPU throttling
// (Emulation.setCPUThrottlingRate). Prints, for each run and their median:
//   - the target: the planner's own script on the main thread from the load until today's
//     card is drawn, read from Chromium's trace of the load: compiling the planner's
//     modules (`v8.compileModule`) plus evaluating them, from the start of the module
//     graph's evaluation (`v8.evaluateModule`: every module's top level, then main.js)
//     to the end of the page's `sinew-planner-interactive` measure;
//   - the in-page part of it alone: main.js's first line to today's card (that measure);
//   - all main-thread script from the start of the load until the cards built after it
//     are there too (Chromium's own Performance.getMetrics ScriptDuration);
//   - the wall time to that point.
// Prints numbers; asserts none.
//
//   node bench/planner-load.mjs [--runs 7] [--rate 4]
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser } from '../tests/browser/cdp.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const RUNS = arg('--runs', 7);
const RATE = arg('--rate', 4);
const work = mkdtempSync(join(tmpdir(), 'sinew-planner-bench-'));
const out = join(work, 'site');

const args = ['build', '--root', repo, '--out', out];
if (process.env.SINEW_BIN) execFileSync(process.env.SINEW_BIN, args, { stdio: 'pipe' });
else execFileSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: repo, stdio: 'pipe' });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  let file = resolve(out, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(out + sep) && file !== out) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

/** Two years, twice a day, from 729 days before today (local dates, as the page uses). */
function longPlan() {
  const day = (n) => {
    const x = new Date();
    x.setDate(x.getDate() + n);
    return x.getFullYear() + '-' + String(x.getMonth() + 1).padStart(2, '0') + '-' + String(x.getDate()).padStart(2, '0');
  };
  const sessions = [];
  for (let i = 0; i < 730; i++) {
    for (const s of [1, 2]) {
      sessions.push({ date: day(-730 + i), session: s, done: true, reps: 5 + (i % 8), pain_rise: (i + s) % 4,
        pain_stayed_up: false, exercise: 'double-leg-bridge', ...(i % 50 === 0 ? { note: 'tight after stairs' } : {}) });
    }
  }
  return { format: 'sinew-planner', version: 2, ladder: 'hamstring', start_date: day(-730), usual_pain: 2,
    usual_pain_log: [], sessions, tests: [] };
}

/**
 * The planner's own main-thread script from the load to interactive, from a trace of the
 * load (times in ms): compiling its modules, and evaluating the module graph from its
 * start to the end of the page's `sinew-planner-interactive` measure (today's card drawn).
 * @param {any[]} events Chromium trace events
 */
function loadToInteractive(events) {
  const mark = events.find((e) => e.name === 'sinew-planner-start');
  const end = events.find((e) => e.name === 'sinew-planner-interactive' && (e.ph === 'e' || e.ph === 'E'));
  if (!mark || !end) throw new Error('the trace has no sinew-planner-start mark or sinew-planner-interactive measure');
  const main = (e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X';
  const graph = events.find((e) => main(e) && e.name === 'v8.evaluateModule' && e.ts <= mark.ts && mark.ts <= e.ts + e.dur);
  if (!graph) throw new Error('the trace has no module evaluation around main.js');
  const compile = events
    .filter((e) => main(e) && e.name === 'v8.compileModule' && e.ts < graph.ts && /\/planner\/[^/]+\.js$/.test((e.args && e.args.fileName) || ''))
    .reduce((a, e) => a + e.dur, 0) / 1000;
  const before = (mark.ts - graph.ts) / 1000;
  const inPage = (end.ts - mark.ts) / 1000;
  return { compile, before, inPage, total: compile + before + inPage };
}

const browser = await Browser.launch();
const page = await browser.newPage();
await page.send('Performance.enable', { timeDomain: 'threadTicks' });
await page.goto(`${origin}/planner/hamstring/`);
const plan = longPlan();
await page.eval(`localStorage.setItem('sinew-planner:hamstring', ${JSON.stringify(JSON.stringify(plan))}); true`);
// As a patient's plan is: stored by the page itself (which seals it; see view.js `load`).
await page.reload();
await page.waitUntil(`!!window.sinewPlanner && !!window.sinewPlanner.plan`, [], { timeout: 60000, what: 'the stored plan' });
await page.eval(`window.sinewPlanner.save(window.sinewPlanner.plan); true`);
await page.send('Emulation.setCPUThrottlingRate', { rate: RATE });

const metric = async (name) => (await page.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
const PROFILE = process.argv.includes('--profile');
if (PROFILE) await page.send('Profiler.enable');
const results = [];
for (let run = 0; run < RUNS; run++) {
  // A navigation to a blank page first, so the planner's load starts from nothing.
  await page.goto('about:blank');
  const before = await metric('ScriptDuration');
  /** @type {any[]} */
  const events = [];
  const collect = page.on('Tracing.dataCollected', (p) => events.push(...p.value));
  await page.send('Tracing.start', { categories: 'devtools.timeline,v8,blink.user_timing', transferMode: 'ReportEvents' });
  const t0 = Date.now();
  if (PROFILE) await page.send('Profiler.start');
  await page.goto(`${origin}/planner/hamstring/`);
  await page.waitUntil(`!!document.getElementById('pl-today-h') && !!document.getElementById('pl-history') && !document.querySelector('.planner-later')`, [], { timeout: 60000, what: 'the planner' });
  const wall = Date.now() - t0;
  const script = (await metric('ScriptDuration')) - before;
  const own = await page.eval(`performance.getEntriesByName('sinew-planner-interactive')[0].duration`);
  const traced = new Promise((r) => { const off = page.on('Tracing.tracingComplete', () => { off(); r(undefined); }); });
  await page.send('Tracing.end');
  await traced;
  collect();
  const load = loadToInteractive(events);
  const sessions = await page.eval(`JSON.parse(localStorage.getItem('sinew-planner:hamstring')).sessions.length`);
  if (sessions !== 1460) throw new Error(`expected 1460 stored sessions, found ${sessions}`);
  results.push({ script: script * 1000, wall, own, load: load.total });
  if (PROFILE) {
    // --profile: where the script time went (self time by function, each run's), all of
    // the load and, apart, the first task alone: the samples under a planner module's top
    // level (the module graph's evaluation, main.js to today's card and what follows it
    // in that task).
    const { profile: p } = await page.send('Profiler.stop');
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n);
    const self = new Map(), first = new Map();
    p.samples.forEach((s, i) => {
      const f = byId.get(s).callFrame;
      const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      const dt = (p.timeDeltas[i] || 0) / 1000;
      self.set(k, (self.get(k) || 0) + dt);
      let outer = null;
      for (let n = byId.get(s); n; n = parent.get(n.id)) if (n.callFrame.url.includes('/planner/')) outer = n.callFrame;
      if (outer && outer.functionName === '' && outer.lineNumber === 0 && outer.columnNumber === 0) first.set(k, (first.get(k) || 0) + dt);
    });
    console.log('  the whole load:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${v.toFixed(1)} ms ${k}`);
    console.log('  the first task (modules evaluated, today\'s card drawn):');
    for (const [k, v] of [...first].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${v.toFixed(1)} ms ${k}`);
  }
  console.log(`run ${run + 1}: planner's own script, load to interactive ${load.total.toFixed(1)} ms (compiling ` +
    `${load.compile.toFixed(1)}, modules' top level ${load.before.toFixed(1)}, main.js to today's card ${own.toFixed(1)}); ` +
    `all main-thread script ${(script * 1000).toFixed(1)} ms; load until every card is drawn ${wall} ms (wall)`);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\n1,460 logged sessions, ${RATE}x CPU throttling, ${RUNS} runs (medians):\n` +
  `  the planner's own script on the main thread, load to interactive (compiling and evaluating its modules, ` +
  `main.js to today's card): ${median(results.map((r) => r.load)).toFixed(1)} ms (target <= 100 ms)\n` +
  `  of which main.js's first line to today's card (in-page measure): ${median(results.map((r) => r.own)).toFixed(1)} ms\n` +
  `  all main-thread script until every card is drawn (Chromium ScriptDuration, with module compiling): ` +
  `${median(results.map((r) => r.script)).toFixed(1)} ms\n` +
  `  load until every card is drawn (today's, then the history and the rest), wall: ${median(results.map((r) => r.wall))} ms`);
await browser.close();
server.close();
rmSync(work, { recursive: true, force: true });
