// The page-not-found page and `/es/` on a site in two languages, in real headless Chromium.
//
//   node --test tests/browser/not-found.e2e.test.mjs
//
// Builds tests/fixtures/sites/two-languages (English and Spanish) without its Spanish
// home page (`index.es.md`), serves it on 127.0.0.1 and checks, as a Spanish reader
// would, by visible headings and link texts:
// - the root `404.html` (the one page most static hosts serve at every missing address)
//   says it in Spanish too, in a part marked `lang="es"`, and its Spanish link leads to
//   `/es/`
// - `/es/` is a Spanish page, not a 404: it says the home page is not translated yet,
//   lists the Spanish pages (one link followed) and links the English home page
// - `/es/404.html` (for hosts that serve a folder's own 404 page) is all in Spanish
// - axe-core finds nothing serious on the three pages
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, axeAudit, startSite, closeSite } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-not-found-e2e-'));
let browser, page, server, origin;

/** The visible link whose text is `text` (whitespace folded), as a page expression. */
const link = (text) => `[...document.querySelectorAll('a')].find((a) =>
  a.getClientRects().length > 0 && a.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(text)})`;

/** The texts of the page's headings of `level` (`h1`, `h2`). */
const headings = (level) => page.eval(`[...document.querySelectorAll('main ${level}')].map((h) => h.textContent.trim())`);

async function follow(text, path) {
  assert.ok(await page.eval(`!!${link(text)}`), `a visible link "${text}"`);
  await page.clickAt(link(text));
  await page.waitUntil(`location.pathname === ${JSON.stringify(path)} && document.readyState === 'complete'`, [], { what: path });
}

before(async () => {
  const src = join(work, 'src');
  cpSync(join(repo, 'tests', 'fixtures', 'sites', 'two-languages'), src, { recursive: true });
  rmSync(join(src, 'content', 'index.es.md'));
  ({ server, origin, browser, page } = await startSite(src, join(work, 'site')));
});

after(() => closeSite({ browser, server }, work));

describe('page not found, in every language', () => {
  it('the root 404 page says it in Spanish too and leads to /es/', async () => {
    await page.goto(`${origin}/404.html`);
    assert.deepEqual(await headings('h1'), ['Sorry, we cannot find that page']);
    assert.deepEqual(await headings('h2'), ['Lo sentimos, no encontramos esa página']);
    assert.equal(
      await page.eval(`document.querySelector('main h2').closest('[lang]').lang`), 'es',
      'the Spanish words are marked as Spanish, so a screen reader reads them in Spanish');
    assert.deepEqual(await axeAudit(page), []);
    await follow('Ir a la página de inicio', '/es/');
  });

  it('/es/ without a Spanish home page is a Spanish page listing the Spanish pages', async () => {
    await page.goto(`${origin}/es/`);
    assert.equal(await page.eval('document.documentElement.lang'), 'es');
    assert.deepEqual(await headings('h1'), ['En español']);
    assert.match(await page.eval(`document.querySelector('main').innerText`),
      /La página de inicio todavía no está disponible en español\./);
    assert.deepEqual(await axeAudit(page), []);
    await follow('Dolor de rodilla', '/es/guides/knee/');
    await page.goto(`${origin}/es/`);
    await follow('Ir a la página de inicio (en inglés)', '/');
    assert.equal(await page.eval('document.documentElement.lang'), 'en');
  });

  it('/es/404.html is all in Spanish', async () => {
    await page.goto(`${origin}/es/404.html`);
    assert.equal(await page.eval('document.documentElement.lang'), 'es');
    assert.deepEqual(await headings('h1'), ['Lo sentimos, no encontramos esa página']);
    assert.deepEqual(await headings('h2'), []);
    assert.deepEqual(await axeAudit(page), []);
    await follow('Ir a la página de inicio', '/es/');
  });
});
