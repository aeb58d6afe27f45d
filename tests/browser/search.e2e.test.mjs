// End-to-end tests of site search and the exercise finder in real headless Chromium.
//
//   node --test tests/browser/search.e2e.test.mjs
//
// Builds a small fixture site with `sinew build` ($SINEW_BIN or `cargo run`), serves it
// on 127.0.0.1 and uses it as a patient would, through visible labels: types into the
// search page and reads the results; ticks the finder's boxes, reloads, and finds the
// same choice. Also: no request leaves the site's own host, no script errors or CSP
// violations, axe-core finds nothing serious or critical, and the pages fit 320 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { build, serve, axeAudit, printedText } from './helpers.mjs';

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
    status() { const s = document.querySelector('main [role=status]'); return s ? norm(s.textContent) : null; },
    shownExercises() {
      const seen = new Set();
      for (const a of document.querySelectorAll('main .cards a')) if (visible(a)) seen.add(norm(a.textContent));
      return [...seen].sort();
    },
  };
})()`;

let browser, page, server, origin;

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
  browser = await Browser.launch();
  page = await browser.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
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
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(page.console.filter((m) => /^error|Content Security Policy|Refused/.test(m)), []);
  });

  it('is clean under axe-core and fits 320 px', async () => {
    assert.deepEqual(await axeAudit(page), []);
    assert.deepEqual(await fits320(), []);
  });

  it('without JavaScript the search page lists every page and exercise from A to Z', async () => {
    const html = readFileSync(join(work, 'site', 'search', 'index.html'), 'utf8');
    const az = html.slice(html.indexOf('<h3'));
    const titles = [...az.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]);
    for (const t of ['Banded hip lift', 'Bridge', 'Conditions', 'Frozen shoulder', 'Knee ladder', 'Knee pain', 'Lateral elbow tendinopathy', 'Sit to stand']) {
      assert.ok(titles.includes(t), `${t} in the A-Z list`);
    }
    assert.deepEqual([...titles].sort((a, b) => a.localeCompare(b)), titles);
    assert.doesNotMatch(html, /<script(?![^>]*src="\/search\.js")/);
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
