// Site search in headless Chromium on a built site (issue 16's query target): how long a
// query takes to show its results after the first search, and how many bytes the search
// page downloads in all. Prints numbers, asserts none.
//
//   node bench/search-query.mjs OUT_DIR [WORD ...]
//
// OUT_DIR is a `sinew build` output (bench/run passes its 10,000-page site's). The first
// word is the first search (it loads the WebAssembly and the index's entry files); each
// following word is timed from submitting the search page's form to the result count
// being shown, as a patient sees it. It also prints the CPU time Chromium's processes
// spent per timed search (Linux: /proc), which, unlike the times, a machine busy with other
// work hardly changes; SEARCH_PROFILE=1 prints where the page's main thread spent it (a
// CDP CPU profile: Pagefind searches on the page, static/search.js).
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from '../tests/browser/cdp.mjs';

const [dirArg, ...argWords] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: node bench/search-query.mjs OUT_DIR [WORD ...]');
  process.exit(2);
}
const dir = resolve(dirArg);
const words = argWords.length ? argWords : ['pain', 'knee', 'exercise', 'stretch', 'walking', 'shoulder'];

const server = http.createServer((req, res) => {
  let file = resolve(dir, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(dir + sep) && file !== dir) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript'
    : file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  // Text is sent gzipped, as every common host sends it; Pagefind's own files are
  // already compressed and go as they are.
  const body = readFileSync(file);
  if (type !== 'application/octet-stream' && /gzip/.test(req.headers['accept-encoding'] || '')) {
    return res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' }).end(gzipSync(body));
  }
  res.writeHead(200, { 'content-type': type }).end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

if (!findChromium()) throw new Error(CHROMIUM_HELP);
const browser = await Browser.launch();
try {
  const page = await browser.newPage();
  // Bytes downloaded by the page and by its workers (Pagefind searches in one):
  // SEARCH_LOG=1 prints each request.
  let bytes = 0;
  let pageBytes = 0;
  const count = (sessionId, isPage) => {
    const urls = new Map();
    browser.on('Network.requestWillBeSent', (p) => { urls.set(p.requestId, p.request.url); }, sessionId);
    browser.on('Network.loadingFinished', (p) => {
      bytes += p.encodedDataLength;
      if (isPage && new URL(urls.get(p.requestId)).pathname === '/search/') pageBytes += p.encodedDataLength;
      if (process.env.SEARCH_LOG) console.error(Math.round(p.encodedDataLength / 1024), 'KB', urls.get(p.requestId));
    }, sessionId);
  };
  count(page.sessionId, true);
  browser.on('Target.attachedToTarget', (t) => {
    if (!/worker/.test(t.targetInfo.type)) return;
    count(t.sessionId, false);
    browser.send('Network.enable', {}, t.sessionId).catch(() => {});
    browser.send('Runtime.runIfWaitingForDebugger', {}, t.sessionId).catch(() => {});
  }, page.sessionId);
  await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  await page.goto(`${origin}/search/`);
  /** Submits `word` and resolves with the ms until the count is shown. */
  const timed = (word) => page.eval(`new Promise((done) => {
    const status = document.getElementById('search-status');
    const input = document.querySelector('form.search-form input[name=q]');
    const form = document.querySelector('form.search-form');
    const t = performance.now();
    const seen = new MutationObserver(() => {
      if (status.textContent.includes(${JSON.stringify(word)})) { seen.disconnect(); done(performance.now() - t); }
    });
    seen.observe(status, { childList: true, characterData: true, subtree: true });
    input.value = ${JSON.stringify(word)};
    form.requestSubmit();
  })`);
  const first = await timed(words[0]);
  const profile = !!process.env.SEARCH_PROFILE;
  if (profile) {
    await page.send('Profiler.enable');
    await page.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.send('Profiler.start');
  }
  const cpuBefore = chromiumCpuMs(browser.proc.pid);
  // What the first search downloaded, the search page included (issue 16's 300 KB):
  // the A-Z list is a page of its own (`/search/a-z/`), which a search never loads.
  const firstBytes = bytes;
  const times = [];
  for (const w of words.slice(1)) times.push(await timed(w));
  const cpu = chromiumCpuMs(browser.proc.pid) - cpuBefore;
  if (profile) printProfile((await page.send('Profiler.stop')).profile);
  times.sort((a, b) => a - b);
  const median = times.length ? times[Math.floor(times.length / 2)] : NaN;
  const pages = JSON.parse(readFileSync(join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  const indexed = Object.values(pages.languages).reduce((n, l) => n + l.page_count, 0);
  console.log(JSON.stringify({
    indexed_pages: indexed,
    first_search_ms: Math.round(first),
    query_ms_median: Math.round(median),
    query_ms_max: Math.round(times[times.length - 1]),
    first_search_kb: Math.round(firstBytes / 1024),
    downloaded_kb: Math.round(bytes / 1024),
    search_page_kb: Math.round(pageBytes / 1024),
    queries: words.length,
    chromium_cpu_ms_per_query: cpu === null || times.length === 0 ? null : Math.round(cpu / times.length),
  }));
} finally {
  await browser.close();
  server.close();
}

/**
 * CPU time (user + system) of the process `pid` and all its descendants, in ms, from
 * /proc; null where there is no /proc.
 */
function chromiumCpuMs(pid) {
  if (!existsSync('/proc/self/stat')) return null;
  const procs = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(p), { parent: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, v] of procs) if (!tree.has(p) && tree.has(v.parent)) { tree.add(p); grew = true; }
  }
  let ticks = 0;
  for (const p of tree) ticks += procs.get(p)?.ticks || 0;
  return ticks * 10;
}

/** The functions the page's main thread spent most time in (self time), to stderr. */
function printProfile(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    const us = profile.timeDeltas[i] || 0;
    self.set(key, (self.get(key) || 0) + us);
    total += us;
  });
  console.error(`main thread, ${Math.round(total / 1000)} ms in all (self time):`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.error(`${String(Math.round(us / 1000)).padStart(6)} ms  ${k}`);
  }
}
