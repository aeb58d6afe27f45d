// Site search in headless Chromium on a built site (issue 16's query target): how long a
// query takes to show its results after the first search, and how many bytes the search
// page downloads in all. Prints numbers, asserts none.
//
//   node bench/search-query.mjs OUT_DIR [WORD ...]
//
// OUT_DIR is a `sinew build` output (bench/run passes its 10,000-page site's). The first
// word is the first search (it loads the WebAssembly and the index's entry files); each
// following word is timed from submitting the search page's form to the result count
// being shown, as a patient sees it.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, statSync } from 'node:fs';
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
  // What the first search downloaded, the search page included (issue 16's 300 KB):
  // the A-Z list is a page of its own (`/search/a-z/`), which a search never loads.
  const firstBytes = bytes;
  const times = [];
  for (const w of words.slice(1)) times.push(await timed(w));
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
  }));
} finally {
  await browser.close();
  server.close();
}
