// A tiny Chrome DevTools Protocol client for end-to-end tests, with no npm packages.
// Chromium is started with --remote-debugging-pipe: CDP messages are NUL-terminated
// JSON on file descriptors 3 (to the browser) and 4 (from the browser), so no
// WebSocket is needed (Node 20 has none built in).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Chromium binary: $CHROMIUM, or chromium / chromium-browser / google-chrome on PATH. */
export function findChromium() {
  if (process.env.CHROMIUM) return existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : null;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      // not on PATH
    }
  }
  return null;
}

export const CHROMIUM_HELP =
  'Chromium is needed for the planner end-to-end test and was not found. Install it with ' +
  '`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM=/path/to/chrome.';

export class Browser {
  static async launch({ executable = findChromium(), extraArgs = [] } = {}) {
    if (!executable) throw new Error(CHROMIUM_HELP);
    const profile = mkdtempSync(join(tmpdir(), 'sinew-e2e-profile-'));
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
      `--user-data-dir=${profile}`, '--remote-debugging-pipe', ...extraArgs, 'about:blank'
    ];
    const proc = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const b = new Browser(proc, profile);
    await b.send('Target.setDiscoverTargets', { discover: true });
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.stderr = '';
    this.closed = false;
    proc.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-20000); });
    this.out = proc.stdio[3];
    let buf = Buffer.alloc(0);
    proc.stdio[4].on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let nul;
      while ((nul = buf.indexOf(0)) >= 0) {
        const msg = JSON.parse(buf.subarray(0, nul).toString('utf8'));
        buf = buf.subarray(nul + 1);
        this.dispatch(msg);
      }
    });
    proc.on('exit', () => {
      this.closed = true;
      for (const { reject } of this.pending.values()) reject(new Error('Chromium exited:\n' + this.stderr));
      this.pending.clear();
    });
  }

  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}${msg.error.data ? ' ' + msg.error.data : ''}`));
      else p.resolve(msg.result);
      return;
    }
    for (const l of this.listeners.slice()) {
      if (l.method === msg.method && (l.sessionId === undefined || l.sessionId === msg.sessionId)) l.fn(msg.params);
    }
  }

  send(method, params = {}, sessionId) {
    if (this.closed) return Promise.reject(new Error('Chromium is not running'));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.out.write(JSON.stringify(msg) + '\0');
    });
  }

  on(method, fn, sessionId) {
    const l = { method, fn, sessionId };
    this.listeners.push(l);
    return () => { this.listeners = this.listeners.filter((x) => x !== l); };
  }

  waitFor(method, { sessionId, timeout = 10000, filter = () => true } = {}) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { off(); reject(new Error(`timed out waiting for ${method}`)); }, timeout);
      const off = this.on(method, (p) => {
        if (!filter(p)) return;
        clearTimeout(t);
        off();
        resolve(p);
      }, sessionId);
    });
  }

  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId);
    await page.init();
    return page;
  }

  async close() {
    if (!this.closed) {
      try {
        await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
      } catch {
        // already gone
      }
      if (!this.closed) this.proc.kill('SIGKILL');
    }
    await new Promise((r) => (this.closed ? r() : this.proc.on('exit', r)));
    // Helper processes may still be writing to the profile for a moment.
    for (let i = 0; i < 20; i++) {
      try {
        rmSync(this.profile, { recursive: true, force: true });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

export class Page {
  constructor(browser, sessionId, targetId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.targetId = targetId;
    this.requests = [];
    this.console = [];
    this.exceptions = [];
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  on(method, fn) {
    return this.browser.on(method, fn, this.sessionId);
  }

  async init() {
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Network.enable');
    await this.send('Log.enable');
    this.on('Network.requestWillBeSent', (p) => this.requests.push({ url: p.request.url, type: p.type }));
    this.on('Runtime.consoleAPICalled', (p) => this.console.push(p.type + ': ' + p.args.map((a) => a.value ?? a.description).join(' ')));
    this.on('Log.entryAdded', (p) => this.console.push(p.entry.level + ': ' + p.entry.text));
    this.on('Runtime.exceptionThrown', (p) => this.exceptions.push(
      (p.exceptionDetails.exception && p.exceptionDetails.exception.description) || p.exceptionDetails.text));
  }

  async goto(url) {
    // `Page.loadEventFired` names no navigation: the late load event of a navigation a
    // test started by a click (and waited for only by its address) could end this wait
    // while the new page was still loading, its style sheet not yet applied (a flaky
    // "no list bullets" at 320 px). So the page being left is marked, and the wait goes
    // on until a document without the mark has loaded completely.
    await this.eval('window.__leftByGoto = true').catch(() => {});
    const loaded = this.browser.waitFor('Page.loadEventFired', { sessionId: this.sessionId });
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw new Error(`navigation to ${url} failed: ${r.errorText}`);
    await loaded;
    await this.waitUntil("!window.__leftByGoto && document.readyState === 'complete'", [], { what: `${url} to load` });
  }

  async reload() {
    const loaded = this.browser.waitFor('Page.loadEventFired', { sessionId: this.sessionId });
    await this.send('Page.reload', {});
    await loaded;
  }

  /** Evaluate an expression (or a function and its JSON arguments) in the page. */
  async eval(fnOrExpr, ...args) {
    const expression = typeof fnOrExpr === 'function'
      ? `(${fnOrExpr})(...${JSON.stringify(args)})`
      : fnOrExpr;
    const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
    if (r.exceptionDetails) {
      throw new Error('in page: ' + ((r.exceptionDetails.exception && r.exceptionDetails.exception.description) || r.exceptionDetails.text));
    }
    return r.result.value;
  }

  /** A remote object id for the element the in-page expression returns. */
  async handle(expression) {
    const r = await this.send('Runtime.evaluate', { expression });
    if (r.exceptionDetails || !r.result.objectId) throw new Error('no element for ' + expression);
    return r.result.objectId;
  }

  async waitUntil(fn, args = [], { timeout = 5000, what = 'condition' } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        last = await this.eval(fn, ...args);
      } catch (e) {
        // A navigation (a redirect, a reload) can replace the page while the condition
        // is being evaluated: that is not an answer, so ask the new page again.
        if (!/navigated or closed|Execution context was destroyed|Cannot find context/.test(String(e && e.message))) throw e;
        last = undefined;
      }
      if (last) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Real mouse click at the centre of the element matched by an in-page expression. */
  async clickAt(expression) {
    const box = await this.eval(`(() => {
      const el = ${expression};
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
    })()`);
    if (!box) throw new Error('nothing to click: ' + expression);
    if (!box.w || !box.h) throw new Error('element is not visible: ' + expression);
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    }
  }

  async press(key) {
    const keys = {
      Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
      Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
      Space: { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
      Backspace: { key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 },
      ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', windowsVirtualKeyCode: 40 },
      ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', windowsVirtualKeyCode: 38 },
      ArrowRight: { key: 'ArrowRight', code: 'ArrowRight', windowsVirtualKeyCode: 39 }
    };
    const k = keys[key];
    if (!k) throw new Error('unknown key ' + key);
    await this.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...k });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...k, text: undefined });
  }

  async type(text) {
    await this.send('Input.insertText', { text });
  }
}
