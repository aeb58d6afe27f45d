// Shared helpers for the browser tests of the planner and other pages, on top of the
// CDP client in cdp.mjs:
//   repo                the repository's root folder
//   build(root, out)    build a site with $SINEW_BIN (or `cargo run`)
//   serve(dir)          serve a built site on 127.0.0.1; stop(server) stops it
//   axeAudit(page)      run axe-core (pinned in tests/js/package.json) in the page
//   printedText(page)   the text of the page as printed to PDF (A4), via `pdftotext`
//   setOffline(page, b) switch the page's network off and on
//   kept(path)          whether the offline helper keeps `path` among the pages opened (a page expression)
//   shown(page)         what a page shows: language, title, main heading, text, phone links
//   plannerSettled(page) wait until the planner page has built its cards below today's
//   startSite(root, out) build, serve and open a site in Chromium: { server, origin, browser, page }
//   closeSite(started, work) close what startSite opened and remove the test's folder
import http from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser } from './cdp.mjs';

/** The repository's root folder. */
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AXE = join(repo, 'tests', 'js', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Build the site in `root` into `out` with `sinew build` plus `extra` arguments (e.g.
 * `['--base-url', url]`): the binary $SINEW_BIN when set (scripts/test sets it), else
 * `cargo run`. Throws, with sinew's error output, when the build fails.
 */
export function build(root, out, extra = []) {
  const args = ['build', '--root', root, '--out', out, ...extra];
  if (process.env.SINEW_BIN) execFileSync(process.env.SINEW_BIN, args, { cwd: repo, stdio: 'pipe' });
  else execFileSync('cargo', ['run', '--quiet', '--', ...args], { cwd: repo, stdio: 'pipe' });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.mp4': 'video/mp4', '.vtt': 'text/vtt',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
  '.txt': 'text/plain'
};

/**
 * A static file server for the built site in `dir`, on 127.0.0.1 at `port` (0: any free
 * one), with the site published under the path `prefix` (its base path; other paths are
 * 404). Folders serve their `index.html`; every response says `cache-control: no-cache`
 * (a rebuilt site is always seen) and byte ranges are served, as media need. Resolves
 * to the listening `http.Server`; its port is `server.address().port`.
 */
export function serve(dir, { prefix = '/', port = 0 } = {}) {
  const server = http.createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404);
      return res.end();
    }
    path = '/' + path.slice(prefix.length);
    let file = resolve(dir, '.' + path);
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403);
      return res.end();
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404);
      return res.end('not found');
    }
    const body = readFileSync(file);
    const headers = {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',
      'accept-ranges': 'bytes'
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
    if (range) {
      const start = range[1] ? Number(range[1]) : 0;
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` });
      return res.end(body.subarray(start, end + 1));
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r(server)));
}

/** Stop `server` (from `serve`) and drop its open connections; resolves when it is closed. */
export function stop(server) {
  return new Promise((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
}

/**
 * Run axe-core in `page` (injected through the DevTools protocol, so the page's own
 * Content-Security-Policy does not apply to it) and return its violations at or above
 * `minImpact`, as short lines "rule (impact): target - help". Fails loudly when axe-core
 * is not installed.
 */
export async function axeAudit(page, { minImpact = 'serious', context = 'document' } = {}) {
  let source;
  try {
    source = readFileSync(AXE, 'utf8');
  } catch {
    throw new Error('axe-core is not installed: run `(cd tests/js && npm ci)` (scripts/test does)');
  }
  if (!(await page.eval('typeof window.axe === "object"'))) await page.eval(source + '\n;true');
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const result = await page.eval(`(async () => {
    const r = await axe.run(${context}, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
  return result
    .filter((v) => order.indexOf(v.impact) >= order.indexOf(minImpact))
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')} - ${v.help}`);
}

/** The text of `page` printed on A4 (Chromium's own PDF), extracted with `pdftotext -layout`. */
export async function printedText(page) {
  const pdf = await page.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true });
  const dir = mkdtempSync(join(tmpdir(), 'sinew-pdf-'));
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, Buffer.from(pdf.data, 'base64'));
    try {
      return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    } catch (e) {
      if (e.code === 'ENOENT') throw new Error('pdftotext is missing: install Debian\'s poppler-utils (scripts/test does)');
      throw e;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Switch the network of `page` off (true) or back on (false). */
export async function setOffline(page, offline) {
  await page.send('Network.emulateNetworkConditions', {
    offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1
  });
}

/**
 * Whether the offline helper (src/render/sw.js) keeps `path` (an absolute path on the
 * page's origin, e.g. `/guides/knee/`) among the pages opened and their files, in the
 * cache `sinew-visited:/` of a site at the top of its origin: an expression for
 * `page.eval` or `page.waitUntil`, true or false.
 */
export const kept = (path) =>
  `caches.open('sinew-visited:/').then((c) => c.match(location.origin + ${JSON.stringify(path)})).then((r) => !!r)`;

/**
 * What `page` shows: `{ lang, title, h1, text, tel }`, its language, title, main
 * heading, visible text (white space made single spaces) and its phone links, each
 * "href text" (e.g. "tel:01632960123 01632 960 123").
 */
export const shown = (page) => page.eval(`({
  lang: document.documentElement.lang,
  title: document.title,
  h1: (document.querySelector('h1') || {}).textContent,
  text: document.body.innerText.replace(/\\s+/g, ' '),
  tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href') + ' ' + a.textContent)
})`);

/**
 * Wait until the planner page has built every card: on load it builds today's card
 * first and the cards below it right after (when the browser is idle or they near the
 * screen: `Planner.later` in static/planner/view.js), in placeholders `.planner-later`.
 */
export function plannerSettled(page) {
  return page.waitUntil(`!document.querySelector('.planner-later')`, [], { what: 'the planner cards below today' });
}

/**
 * The start of most browser tests: build the site in `root` into `out` (with `extra`
 * arguments, as `build`), serve it (under `prefix`, as `serve`), launch Chromium (with
 * `browserArgs`) and open one page. Resolves to `{ server, origin, browser, page }`,
 * `origin` being `http://127.0.0.1:<port>`. Throws when the build fails or Chromium is
 * missing (with how to install it), the server then stopped.
 */
export async function startSite(root, out, { extra = [], prefix = '/', browserArgs = [] } = {}) {
  build(root, out, extra);
  const server = await serve(out, { prefix });
  try {
    const browser = await Browser.launch({ extraArgs: browserArgs });
    const page = await browser.newPage();
    return { server, origin: `http://127.0.0.1:${server.address().port}`, browser, page };
  } catch (e) {
    await stop(server);
    throw e;
  }
}

/**
 * The end of such a test: close the browser and stop the server of `startSite` (either
 * may be missing, or the server stopped already by the test), then remove `work`.
 */
export async function closeSite({ browser, server } = {}, work) {
  if (browser) await browser.close();
  if (server && server.listening) await stop(server);
  if (work) rmSync(work, { recursive: true, force: true });
}
