// End-to-end tests of site search and the exercise finder in real headless Chromium.
//
//   node --test tests/browser/search.e2e.test.mjs
//
// Builds a small fixture site with `sinew build` ($SINEW_BIN or `cargo run`), serves it
// on 127.0.0.1 and uses it as a patient would, through visible labels: types into the
// search page and reads the results; ticks the finder's boxes, reloads, and finds the
// same choice; with JavaScript off, follows the search page's link to the A to Z list
// (`/search/a-z/`, a page of its own). Also: no request leaves the site's own host, no script errors or CSP
// violations, axe-core finds nothing serious or critical, and the pages fit 320 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { build, serve, axeAudit, printedText, repo } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-search-e2e-'));

const FILES = {
  'site.yaml': 'title: Search test clinic\nlanguage: en-GB\n',
  'content/index.md': '---\ntitle: Home\n---\nWelcome to the clinic.\n',
  'content/conditions/index.md': '---\ntitle: Conditions\n---\nThe problems we help with.\n',
  'content/conditions/knee-pain.md':
    '---\ntitle: Knee pain\ndescription: Pain at the front of the knee.\n---\n' +
    'Many people feel knee pain going downstairs. Take the stairs one at a time for a while.\n',
  'content/conditions/elbow.md':
    '---\ntitle: Lateral elbow tendinopathy\nsearch_terms: [tennis elbow, sore elbow]\n---\n' +
    'Pain on the outside of the elbow, worse when you grip or lift a kettle.\n',
  'content/conditions/shoulder.md':
    '---\ntitle: Frozen shoulder\n---\nA stiff shoulder that slowly gets better over many months.\n',
  // Full of "the", with "shoulder" in its title only: Pagefind alone ranks it first for
  // "the shoulder".
  'content/conditions/desk.md':
    '---\ntitle: Shoulder ache at the desk\n---\nSit at the desk with the screen at the height of the eyes and the feet on the floor. ' +
    'The chair, the desk and the screen: change the set-up when the neck aches, and take the breaks the day allows.\n',
  'content/exercises/squat.yaml':
    'name: Sit to stand\nsteps: [Stand up from a chair.]\nbody_regions: [knee]\nequipment: []\n',
  'content/exercises/band-knee.yaml':
    'name: Banded knee press\nsteps: [Press the band away with your foot.]\nbody_regions: [knee]\nequipment: [resistance band]\n',
  'content/exercises/hip-band.yaml':
    'name: Banded hip lift\nsteps: [Lift your leg out to the side against the band.]\nbody_regions: [hip]\nequipment: [resistance band]\n',
  'content/exercises/bridge.yaml':
    'name: Bridge\nsteps: [Lift your hips.]\nbody_regions: [hip, knee]\nequipment: []\n',
  'content/programs/knee.yaml': [
    'title: Knee ladder',
    'times_per_day: 1',
    'pain: { max_rise_during: 2, max_rise_after: 2, settle_minutes: 30, baseline_max: 4 }',
    'stages:',
    '  - { exercise: squat, start: { sets: 1, reps: 5 }, target: { sets: 2, reps: 10 }, days: { min: 2, max: 5 } }',
    '  - { exercise: bridge, start: { sets: 1, reps: 5 }, target: { sets: 2, reps: 10 }, days: { min: 2, max: 5 } }',
    '',
  ].join('\n'),
};

function writeSite(dir) {
  for (const [p, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const H = `(() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    norm, visible,
    field(label) {
      for (const l of document.querySelectorAll('main label')) if (visible(l) && norm(l.textContent) === label) return l.control;
      return null;
    },
    box(group, option) {
      for (const f of document.querySelectorAll('fieldset')) {
        if (!visible(f) || norm(f.querySelector('legend').textContent) !== group) continue;
        for (const l of f.querySelectorAll('label')) if (norm(l.textContent) === option) return l.control;
      }
      return null;
    },
    results() {
      const list = document.querySelector('ol[aria-busy]') ? null : document.querySelector('main ol');
      if (!list || !visible(list)) return [];
      return [...list.querySelectorAll('li h2 a')].map((a) => ({ title: norm(a.textContent), href: a.getAttribute('href') }));
    },
    link(text) {
      for (const a of document.querySelectorAll('main a')) if (visible(a) && norm(a.textContent) === text) return a;
      return null;
    },
    azTitles() {
      return [...document.querySelectorAll('main h2 + ul > li > a')].filter(visible).map((a) => norm(a.textContent));
    },
    status() { const s = document.querySelector('main [role=status]'); return s ? norm(s.textContent) : null; },
    shownExercises() {
      const seen = new Set();
      for (const a of document.querySelectorAll('main .cards a')) if (visible(a)) seen.add(norm(a.textContent));
      return [...seen].sort();
    },
  };
})()`;

let browser, page, server, origin;
let esServer, esOrigin;

/**
 * Records the requests of the page's web workers too (were Pagefind to search in one), so
 * "no request to another host" covers them.
 */
async function watchWorkers(p) {
  browser.on('Target.attachedToTarget', (t) => {
    if (!/worker/.test(t.targetInfo.type)) return;
    browser.on('Network.requestWillBeSent', (r) => p.requests.push({ url: r.request.url, type: 'worker:' + r.type }), t.sessionId);
    browser.send('Network.enable', {}, t.sessionId).catch(() => {});
    browser.send('Runtime.runIfWaitingForDebugger', {}, t.sessionId).catch(() => {});
  }, p.sessionId);
  await p.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
}

/** Types `text` into the search page's field, as a patient would, and waits for the count. */
async function search(text) {
  const field = `${H}.field('Search this site')`;
  assert.ok(await page.eval(`!!${field}`), 'no visible field labelled "Search this site"');
  await page.clickAt(field);
  await page.eval(`${field}.select()`);
  await page.type(text);
  await page.waitUntil(`(() => { const s = ${H}.status(); return s && s.includes(${JSON.stringify(text)}) && !document.querySelector('ol[aria-busy]'); })()`,
    [], { what: `the results for "${text}"` });
  return page.eval(`${H}.results()`);
}

function foreignRequests() {
  return page.requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'));
}

async function fits320() {
  await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
  try {
    return await page.eval(`(() => {
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        if (!${H}.visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > document.documentElement.clientWidth + 0.5) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
      }
      return out;
    })()`);
  } finally {
    await page.send('Emulation.clearDeviceMetricsOverride', {});
  }
}

before(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HELP);
  build(writeSite(join(work, 'src')), join(work, 'site'));
  server = await serve(join(work, 'site'));
  origin = `http://127.0.0.1:${server.address().port}`;
  const two = join(work, 'two');
  cpSync(join(repo, 'tests', 'fixtures', 'sites', 'two-languages'), two, { recursive: true });
  build(two, join(work, 'two-site'));
  esServer = await serve(join(work, 'two-site'));
  esOrigin = `http://127.0.0.1:${esServer.address().port}`;
  browser = await Browser.launch();
  page = await browser.newPage();
  await watchWorkers(page);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (esServer) esServer.close();
  rmSync(work, { recursive: true, force: true });
});

describe('site search', () => {
  it('every page has a search form in its header that opens the search page with the words', async () => {
    await page.goto(`${origin}/conditions/shoulder/`);
    const form = await page.eval(`(() => { const f = document.querySelector('header form[role=search]');
      return f && { action: f.getAttribute('action'), method: f.method, label: ${H}.norm(f.querySelector('label').textContent) }; })()`);
    assert.deepEqual(form, { action: '/search/', method: 'get', label: 'Search this site' });
    await page.clickAt(`document.querySelector('header input[type=search]')`);
    await page.type('downstairs');
    const loaded = browser.waitFor('Page.loadEventFired', { sessionId: page.sessionId });
    await page.press('Enter');
    await loaded;
    assert.equal(await page.eval('location.pathname + location.search'), '/search/?q=downstairs');
    await page.waitUntil(`${H}.results().length > 0`, [], { what: 'results from the address' });
    assert.equal(await page.eval(`${H}.field('Search this site').value`), 'downstairs');
  });

  it('a word from one page\'s text finds that page first, with a snippet and a spoken count', async () => {
    const results = await search('downstairs');
    assert.deepEqual(results[0], { title: 'Knee pain', href: '/conditions/knee-pain/' });
    assert.match(await page.eval(`${H}.status()`), /^1 page found for “downstairs”$/);
    const snippet = await page.eval(`${H}.norm(document.querySelector('main ol li p').textContent)`);
    assert.match(snippet, /going downstairs/);
    assert.match(await page.eval(`document.querySelector('main ol li p mark').textContent`), /^downstairs/);
    assert.equal(await page.eval(`document.querySelector('main [role=status]').getAttribute('aria-live')`), 'polite');
  });

  it('a lay word from search_terms finds its page first, though the page never shows it', async () => {
    const results = await search('tennis elbow');
    assert.deepEqual(results[0], { title: 'Lateral elbow tendinopathy', href: '/conditions/elbow/' });
    await page.goto(`${origin}/conditions/elbow/`);
    assert.doesNotMatch(await page.eval('document.body.innerText'), /tennis/i);
    assert.doesNotMatch(readFileSync(join(work, 'site', 'conditions', 'elbow', 'index.html'), 'utf8'), /tennis/i);
    await page.goto(`${origin}/search/`);
  });

  it('the start of a word finds the page with the whole word', async () => {
    const results = await search('tendinop');
    assert.deepEqual(results[0], { title: 'Lateral elbow tendinopathy', href: '/conditions/elbow/' });
  });

  it('exercises and exercise plans are found; the 404 page and log sheets are not', async () => {
    assert.deepEqual((await search('banded hip'))[0], { title: 'Banded hip lift', href: '/exercises/hip-band/' });
    assert.equal((await search('Knee ladder')).some((r) => r.href === '/planner/knee/'), true);
    const lost = await search('mistake');
    assert.deepEqual(lost.filter((r) => /404/.test(r.href)), []);
    const sheet = await search('log sheet');
    assert.deepEqual(sheet.filter((r) => /log-sheet/.test(r.href)), []);
  });

  it('a stop word in the query does not decide the order: "the shoulder" finds the shoulder page first', async () => {
    await page.goto(`${origin}/search/`);
    // Without the stop word list, Pagefind ranks the page full of "the" first.
    // (An instance of its own, searching on the page as the search page's does.)
    const raw = await page.eval(`import('/pagefind/pagefind.js').then(async (pf) => {
      const r = await pf.createInstance({ noWorker: true }).search('the shoulder');
      return (await r.results[0].data()).url;
    })`);
    assert.equal(raw, '/conditions/desk/');
    const results = await search('the shoulder');
    assert.deepEqual(results[0], { title: 'Frozen shoulder', href: '/conditions/shoulder/' });
    assert.match(await page.eval(`${H}.status()`), /found for “the shoulder”$/);
    // A query of stop words only is searched as it is.
    assert.ok((await search('the')).length > 0);
  });

  it('says so plainly when nothing matches', async () => {
    assert.deepEqual(await search('zebra'), []);
    assert.match(await page.eval(`${H}.status()`), /^Nothing found for “zebra”\. Try other words/);
  });

  it('results are reached with the keyboard', async () => {
    await search('shoulder');
    await page.eval(`${H}.field('Search this site').focus()`);
    await page.press('Tab');
    await page.press('Tab');
    assert.equal(await page.eval('document.activeElement.textContent'), 'Frozen shoulder');
  });

  it('makes no request to another host, loads only the search files, and has no errors', async () => {
    assert.deepEqual(foreignRequests(), []);
    assert.ok(page.requests.some((r) => r.url === `${origin}/pagefind/pagefind.js`));
    // The index was fetched, by the page itself: Pagefind searches on the page, not in
    // its web worker (static/search.js, `noWorker`), which is not even published.
    assert.ok(page.requests.some((r) => !r.type.startsWith('worker:') && r.url.includes('/pagefind/index/')), JSON.stringify(page.requests.slice(-5)));
    assert.ok(!page.requests.some((r) => r.url.includes('pagefind-worker')), JSON.stringify(page.requests));
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(page.console.filter((m) => /^error|Content Security Policy|Refused/.test(m)), []);
  });

  it('is clean under axe-core and fits 320 px', async () => {
    assert.deepEqual(await axeAudit(page), []);
    assert.deepEqual(await fits320(), []);
  });

  it('without JavaScript the search page\'s link "Browse all pages A to Z" lists every page and exercise', async () => {
    await page.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await page.goto(`${origin}/search/`);
      assert.match(await page.eval(`${H}.norm(document.querySelector('main').innerText)`), /The A to Z list works without JavaScript\./);
      const loaded = browser.waitFor('Page.loadEventFired', { sessionId: page.sessionId });
      await page.clickAt(`${H}.link('Browse all pages A to Z')`);
      await loaded;
      assert.equal(await page.eval('location.pathname'), '/search/a-z/');
      assert.equal(await page.eval(`${H}.norm(document.querySelector('h1').textContent)`), 'All pages and exercises, A to Z');
      assert.match(await page.eval('document.title'), /^All pages and exercises, A to Z \| /);
      assert.deepEqual(await page.eval(`[...document.querySelectorAll('nav.breadcrumbs a')].map((a) => a.textContent + ' ' + a.getAttribute('href'))`),
        ['Home /', 'Search /search/']);
      const titles = await page.eval(`${H}.azTitles()`);
      for (const t of ['Banded hip lift', 'Bridge', 'Conditions', 'Frozen shoulder', 'Knee ladder', 'Knee pain', 'Lateral elbow tendinopathy', 'Sit to stand']) {
        assert.ok(titles.includes(t), `${t} in the A-Z list: ${titles}`);
      }
      assert.deepEqual([...titles].sort((a, b) => a.localeCompare(b)), titles);
      // The letters lead to their groups.
      const letters = await page.eval(`[...document.querySelectorAll('nav.a-z-letters a')].map((a) => a.textContent + ' ' + document.querySelector(a.getAttribute('href')).textContent)`);
      assert.ok(letters.length > 3 && letters.every((l) => l.split(' ')[0] === l.split(' ')[1]), String(letters));
      // It loads no script at all, so it works wherever the page loads.
      assert.equal(await page.eval('document.scripts.length'), 0);
      assert.deepEqual(await fits320(), []);
    } finally {
      await page.send('Emulation.setScriptExecutionDisabled', { value: false });
    }
    // axe-core needs timers, which do not run while scripts are off: the same page
    // (it has no script of its own), audited with them on.
    await page.reload();
    assert.deepEqual(await axeAudit(page), []);
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      assert.deepEqual(await axeAudit(page), []);
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
  });

  it('with JavaScript the same link works, and a search downloads no list of every page', async () => {
    await page.goto(`${origin}/search/`);
    const loaded = browser.waitFor('Page.loadEventFired', { sessionId: page.sessionId });
    await page.clickAt(`${H}.link('Browse all pages A to Z')`);
    await loaded;
    assert.equal(await page.eval('location.pathname'), '/search/a-z/');
    assert.ok((await page.eval(`${H}.azTitles()`)).includes('Knee pain'));
    const search = readFileSync(join(work, 'site', 'search', 'index.html'), 'utf8');
    assert.doesNotMatch(search, /Frozen shoulder|Sit to stand/);
    assert.deepEqual(foreignRequests(), []);
  });

  it('a printed page leaves out the header\'s search form', async () => {
    await page.goto(`${origin}/conditions/shoulder/`);
    assert.equal(await page.eval(`!!document.querySelector('header form[role=search]')`), true);
    const printed = await printedText(page);
    assert.match(printed, /Frozen shoulder/);
    assert.doesNotMatch(printed, /Search this site/);
  });
});

describe('exercise finder', () => {
  it('without choices it shows every exercise, grouped by body region and equipment', async () => {
    await page.goto(`${origin}/exercises/`);
    await page.waitUntil(`${H}.visible(document.getElementById('finder'))`, [], { what: 'the finder' });
    assert.deepEqual(await page.eval(`${H}.shownExercises()`), ['Banded hip lift', 'Banded knee press', 'Bridge', 'Sit to stand']);
    assert.equal(await page.eval(`${H}.status()`), 'Showing all 4 exercises');
    const headings = await page.eval(`[...document.querySelectorAll('main h3')].map((h) => h.textContent)`);
    assert.deepEqual(headings, ['Hip', 'Knee', 'No equipment', 'Resistance band']);
  });

  it('several boxes combine: a region and a piece of equipment', async () => {
    await page.clickAt(`${H}.box('Body region', 'Knee')`);
    await page.waitUntil(`${H}.status() === '3 exercises match'`, [], { what: 'three knee exercises' });
    assert.deepEqual(await page.eval(`${H}.shownExercises()`), ['Banded knee press', 'Bridge', 'Sit to stand']);
    await page.clickAt(`${H}.box('Equipment', 'Resistance band')`);
    await page.waitUntil(`${H}.status() === '1 exercise matches'`, [], { what: 'one knee exercise with a band' });
    assert.deepEqual(await page.eval(`${H}.shownExercises()`), ['Banded knee press']);
    await page.clickAt(`${H}.box('Body region', 'Hip')`);
    await page.waitUntil(`${H}.status() === '2 exercises match'`, [], { what: 'knee or hip, with a band' });
    assert.deepEqual(await page.eval(`${H}.shownExercises()`), ['Banded hip lift', 'Banded knee press']);
  });

  it('the address keeps the choice: a reload shows the same exercises', async () => {
    assert.equal(await page.eval('location.search'), '?region=hip&region=knee&equipment=resistance-band');
    await page.reload();
    await page.waitUntil(`${H}.status() === '2 exercises match'`, [], { what: 'the same choice after a reload' });
    assert.deepEqual(await page.eval(`${H}.shownExercises()`), ['Banded hip lift', 'Banded knee press']);
    assert.equal(await page.eval(`${H}.box('Equipment', 'Resistance band').checked`), true);
    assert.equal(await page.eval(`${H}.box('Equipment', 'No equipment').checked`), false);
  });

  it('"Show all exercises" clears the choice', async () => {
    await page.clickAt(`[...document.querySelectorAll('#finder button')].find((b) => b.textContent === 'Show all exercises')`);
    await page.waitUntil(`${H}.status() === 'Showing all 4 exercises'`, [], { what: 'all exercises again' });
    assert.equal(await page.eval('location.search'), '');
  });

  it('is clean under axe-core, fits 320 px and asks no other host', async () => {
    assert.deepEqual(await axeAudit(page), []);
    assert.deepEqual(await fits320(), []);
    assert.deepEqual(foreignRequests(), []);
    assert.deepEqual(page.exceptions, []);
  });
});

describe('search in the site\'s other language (tests/fixtures/sites/two-languages)', () => {
  it('a translated page\'s header searches in its language', async () => {
    await page.goto(`${esOrigin}/es/guides/knee/`);
    const form = await page.eval(`(() => { const f = document.querySelector('header form[role=search]');
      return f && { action: f.getAttribute('action'), label: ${H}.norm(f.querySelector('label').textContent) }; })()`);
    assert.deepEqual(form, { action: '/es/search/', label: 'Buscar en este sitio' });
  });

  it('the Spanish search page finds Spanish pages, stemmed in Spanish', async () => {
    await page.goto(`${esOrigin}/es/search/`);
    assert.equal(await page.eval('document.documentElement.lang'), 'es');
    const field = (text) => search2('Buscar en este sitio', text);
    // "mejoran" is found in "mejorar" only by the Spanish stemmer (both are "mejor").
    assert.deepEqual((await field('mejoran'))[0], { title: 'Dolor de rodilla', href: '/es/guides/knee/' });
    // A translated exercise is in the Spanish index, and a Spanish stop word is left out.
    assert.deepEqual((await field('la sentadilla'))[0], { title: 'Sentadilla', href: '/es/exercises/squat/' });
    // English pages are not in the Spanish index.
    assert.deepEqual(await field('pacing'), []);
  });

  it('the English search page finds English pages only', async () => {
    await page.goto(`${esOrigin}/search/`);
    assert.deepEqual((await search('knee'))[0], { title: 'Knee pain', href: '/guides/knee/' });
    // "suele" is only in the Spanish page's text.
    assert.deepEqual(await search('suele'), []);
  });

  it('the Spanish search page\'s A to Z link lists the Spanish pages, without JavaScript too', async () => {
    await page.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await page.goto(`${esOrigin}/es/search/`);
      assert.match(await page.eval(`${H}.norm(document.querySelector('main').innerText)`), /La lista de la A a la Z funciona sin JavaScript\./);
      const loaded = browser.waitFor('Page.loadEventFired', { sessionId: page.sessionId });
      await page.clickAt(`${H}.link('Ver todas las páginas de la A a la Z')`);
      await loaded;
      assert.equal(await page.eval('location.pathname'), '/es/search/a-z/');
      assert.equal(await page.eval('document.documentElement.lang'), 'es');
      const titles = await page.eval(`${H}.azTitles()`);
      assert.ok(titles.includes('Dolor de rodilla') && titles.includes('Sentadilla'), String(titles));
      assert.ok(!titles.includes('Knee pain'), String(titles));
      assert.deepEqual(await fits320(), []);
    } finally {
      await page.send('Emulation.setScriptExecutionDisabled', { value: false });
    }
    await page.reload();
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      assert.deepEqual(await axeAudit(page), []);
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
  });

  it('the Spanish search page is clean under axe-core, fits 320 px and asks no other host', async () => {
    await page.goto(`${esOrigin}/es/search/?q=rodilla`);
    await page.waitUntil(`${H}.results().length > 0`, [], { what: 'results from the address' });
    assert.deepEqual(await axeAudit(page), []);
    assert.deepEqual(await fits320(), []);
    assert.deepEqual(page.requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith(esOrigin) && !r.url.startsWith('data:')), []);
    assert.deepEqual(page.exceptions, []);
  });
});

/** `search` on a page whose field has another label, waiting for the status to name `text`. */
async function search2(label, text) {
  const field = `${H}.field(${JSON.stringify(label)})`;
  assert.ok(await page.eval(`!!${field}`), `no visible field labelled "${label}"`);
  await page.clickAt(field);
  await page.eval(`${field}.select()`);
  await page.type(text);
  await page.waitUntil(`(() => { const s = ${H}.status(); return s && s.includes(${JSON.stringify(text)}) && !document.querySelector('ol[aria-busy]'); })()`,
    [], { what: `the results for "${text}"` });
  return page.eval(`${H}.results()`);
}
